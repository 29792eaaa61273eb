package io.jenkins.plugins.signedwebhook.receiver;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.signedwebhook.core.testing.Deliveries;
import io.jenkins.plugins.signedwebhook.core.testing.Fixtures;
import io.jenkins.plugins.signedwebhook.receiver.http.JsonErrorHandler;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.zip.GZIPOutputStream;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every answer of the receiver is JSON with a {@code result}, the server's own included (no route, a request Jetty
 * cannot parse, headers over its limit, a failed handler), and a request whose headers are ambiguous is refused: each
 * sent over a raw socket, byte for byte as written here.
 */
class ReceiverAnswersTest {
    private static final byte[] PUSH = Fixtures.github("push-branch.json");

    @TempDir
    Path dir;

    private TestReceiver rx;

    @BeforeEach
    void start() throws Exception {
        TestReceiver.script(dir, "deploy.sh", "touch ran");
        rx = TestReceiver.start(dir, """
                listen: 127.0.0.1:0
                dataDir: ./data
                maxBodyBytes: 200000
                hooks:
                  - id: app
                    repository: octo-org/app
                    refs: [main]
                    secrets: [{env: APP_HOOK_SECRET}]
                    command: [./deploy.sh]
                    workdir: .
                """);
    }

    @AfterEach
    void stop() throws Exception {
        rx.close();
    }

    /** A status, the response's headers as sent, and its body. */
    private record Raw(int status, String head, byte[] body) {
        JsonNode json() {
            assertThat(head.toLowerCase(Locale.ROOT)).contains("content-type: application/json");
            return Fixtures.json(body);
        }
    }

    private static Raw exchange(URI base, byte[] request) throws IOException {
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request);
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            in.transferTo(all);
            byte[] bytes = all.toByteArray();
            String text = new String(bytes, StandardCharsets.ISO_8859_1);
            int end = text.indexOf("\r\n\r\n");
            assertThat(end).as("a complete response head in: %s", text).isPositive();
            String head = text.substring(0, end);
            int status = Integer.parseInt(head.substring(9, 12));
            byte[] body = Arrays.copyOfRange(bytes, end + 4, bytes.length);
            return new Raw(status, head, body);
        }
    }

    private Raw exchange(String head, byte[] body) throws IOException {
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        request.writeBytes(head.getBytes(StandardCharsets.ISO_8859_1));
        request.writeBytes(body);
        return exchange(rx.receiver.baseUri(), request.toByteArray());
    }

    /** A delivery as GitHub sends it, with {@code extra} header lines after GitHub's, closing the connection after. */
    private Raw delivery(byte[] body, String signature, String extra) throws IOException {
        return exchange("POST /hooks/app HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
                + "Content-Type: application/json\r\nX-GitHub-Event: push\r\nX-GitHub-Delivery: " + TestReceiver.newDeliveryId()
                + "\r\nX-Hub-Signature-256: " + signature + "\r\n" + extra + "Content-Length: " + body.length + "\r\n\r\n", body);
    }

    private static void assertResult(Raw answer, int status, String result) {
        assertThat(answer.status()).as(new String(answer.body(), StandardCharsets.UTF_8)).isEqualTo(status);
        JsonNode json = answer.json();
        assertThat(json.get("result").asText()).isEqualTo(result);
        assertThat(json.get("message").asText()).isNotBlank();
    }

    @Test
    void unknownPathIs404JsonWhateverTheMethod() throws Exception {
        assertResult(exchange("GET /wp-login.php HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n", new byte[0]),
                404, "not_found");
        assertResult(exchange("PUT /nothing HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nContent-Length: 0\r\n\r\n",
                new byte[0]), 404, "not_found");
    }

    @Test
    void unknownHookIs404NoSubscription() throws Exception {
        assertResult(exchange("POST /hooks/other HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nContent-Length: 0\r\n\r\n",
                new byte[0]), 404, "no_subscription");
    }

    @Test
    void browserVisitToAHookIs405Json() throws Exception {
        Raw answer = exchange("GET /hooks/app HTTP/1.1\r\nHost: localhost\r\nAccept: text/html\r\nConnection: close\r\n\r\n",
                new byte[0]);
        assertResult(answer, 405, "method_not_allowed");
        assertThat(answer.head()).contains("Allow: POST");
    }

    @Test
    void requestLineJettyCannotParseIs400Json() throws Exception {
        assertResult(exchange("POST /hooks/app HTTP/1.1 trailing-garbage\r\nHost: localhost\r\n\r\n", new byte[0]), 400,
                "bad_request");
    }

    @Test
    void tenKilobyteDeliveryIdIs431Json() throws Exception {
        byte[] body = PUSH;
        Raw answer = exchange("POST /hooks/app HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
                + "Content-Type: application/json\r\nX-GitHub-Event: push\r\nX-GitHub-Delivery: " + "d".repeat(10_240)
                + "\r\nX-Hub-Signature-256: " + Deliveries.sign(TestReceiver.SECRET, body) + "\r\nContent-Length: "
                + body.length + "\r\n\r\n", body);
        assertResult(answer, 431, "headers_too_large");
        assertThat(new String(answer.body(), StandardCharsets.UTF_8)).doesNotContain("<html");
    }

    @Test
    void bodyOverTheLimitIs413Json() throws Exception {
        assertResult(exchange("POST /hooks/app HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
                + "Content-Type: application/json\r\nX-GitHub-Event: push\r\nX-GitHub-Delivery: d-big\r\n"
                + "X-Hub-Signature-256: sha256=" + "0".repeat(64) + "\r\nContent-Length: 300000\r\n\r\n", new byte[0]),
                413, "too_large");
    }

    @Test
    void secondSignatureHeaderIsRefusedThoughTheFirstIsRight() throws Exception {
        Raw answer = delivery(PUSH, Deliveries.sign(TestReceiver.SECRET, PUSH),
                "X-Hub-Signature-256: " + Deliveries.sign("guess", PUSH) + "\r\n");

        assertResult(answer, 400, "bad_headers");
        assertThat(answer.json().get("message").asText()).contains("X-Hub-Signature-256");
        assertThat(rx.runs("app")).isEmpty();
    }

    @Test
    void gzipBodyIs415AndRunsNothing() throws Exception {
        ByteArrayOutputStream zipped = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(zipped)) {
            gzip.write(PUSH);
        }
        byte[] body = zipped.toByteArray();
        Raw answer = delivery(body, Deliveries.sign(TestReceiver.SECRET, body), "Content-Encoding: gzip\r\n");

        assertResult(answer, 415, "unsupported_media_type");
        assertThat(rx.runs("app")).isEmpty();
        assertThat(Files.exists(dir.resolve("ran"))).isFalse();
    }

    @Test
    void identityBodyLabelledGzipIs415() throws Exception {
        assertResult(delivery(PUSH, Deliveries.sign(TestReceiver.SECRET, PUSH), "Content-Encoding: GZIP\r\n"), 415,
                "unsupported_media_type");
    }

    @Test
    void handlerThatFailsIs500JsonWithoutTheException() throws Exception {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                throw new IllegalStateException("secret-looking detail");
            }
        });
        server.setErrorHandler(new JsonErrorHandler());
        server.start();
        try {
            Raw answer = exchange(URI.create("http://127.0.0.1:" + connector.getLocalPort()),
                    "GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            assertResult(answer, 500, "internal_error");
            assertThat(new String(answer.body(), StandardCharsets.UTF_8)).doesNotContain("secret-looking")
                    .doesNotContain("IllegalStateException");
        } finally {
            server.stop();
        }
    }
}
