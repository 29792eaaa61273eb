package io.jenkins.plugins.signedwebhook.receiver;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.signedwebhook.core.testing.Deliveries;
import io.jenkins.plugins.signedwebhook.core.testing.Fixtures;
import io.jenkins.plugins.signedwebhook.receiver.config.ConfigLoader;
import io.jenkins.plugins.signedwebhook.receiver.config.ReceiverConfig;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlsTest {
    private static final String PASSWORD = "keystore-password";

    @TempDir
    Path dir;

    @Test
    void servesDeliveriesOverTlsWithTheConfiguredKeystore() throws Exception {
        Path keystore = keystore();
        try (Receiver receiver = start("")) {
            assertThat(receiver.baseUri().getScheme()).isEqualTo("https");
            byte[] push = Fixtures.github("push-branch.json");
            HttpResponse<String> answer = client(keystore).send(HttpRequest.newBuilder(receiver.baseUri().resolve("/hooks/app"))
                    .header("Content-Type", "application/json")
                    .header("X-GitHub-Event", "push")
                    .header("X-GitHub-Delivery", TestReceiver.newDeliveryId())
                    .header("X-Hub-Signature-256", Deliveries.sign(TestReceiver.SECRET, push))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(push))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).isEqualTo(202);
        }
    }

    @Test
    void aConnectionThatNeverStartsItsHandshakeIsClosedAtTheHeaderTimeout() throws Exception {
        keystore();
        try (Receiver receiver = start("headerTimeout: 300ms\n");
                Socket socket = new Socket("127.0.0.1", receiver.baseUri().getPort())) {
            socket.setSoTimeout(10_000);

            assertThat(socket.getInputStream().read()).as("closed, with nothing sent").isEqualTo(-1);
        }
    }

    private Path keystore() throws Exception {
        Path keystore = dir.resolve("ks.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-keyalg", "EC", "-alias", "receiver", "-dname", "CN=localhost", "-ext", "SAN=ip:127.0.0.1",
                "-validity", "2", "-storetype", "PKCS12", "-keystore", keystore.toString(), "-storepass", PASSWORD)
                .redirectErrorStream(true).start();
        keytool.getInputStream().transferTo(OutputStream.nullOutputStream());
        assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(keytool.exitValue()).isZero();
        return keystore;
    }

    private Receiver start(String limits) throws Exception {
        TestReceiver.script(dir, "deploy.sh", "true");
        Map<String, String> env = new HashMap<>(TestReceiver.ENV);
        env.put("KS_PASSWORD", PASSWORD);
        Files.writeString(dir.resolve("receiver.yml"), """
                listen: 127.0.0.1:0
                dataDir: ./data
                tls: {keystore: ks.p12, passwordEnv: KS_PASSWORD}
                %shooks:
                  - id: app
                    repository: octo-org/app
                    secrets: [{env: APP_HOOK_SECRET}]
                    command: [./deploy.sh]
                    workdir: .
                """.formatted(limits));
        ReceiverConfig config = new ConfigLoader(env::get).load(dir.resolve("receiver.yml"));
        return Receiver.start(config, env::get, Clock.systemUTC());
    }

    private static HttpClient client(Path keystore) throws Exception {
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            trusted.load(in, PASSWORD.toCharArray());
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(null, trust.getTrustManagers(), null);
        return HttpClient.newBuilder().sslContext(ssl).build();
    }
}
