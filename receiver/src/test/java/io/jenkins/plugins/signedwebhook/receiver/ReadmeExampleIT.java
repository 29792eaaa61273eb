package io.jenkins.plugins.signedwebhook.receiver;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.signedwebhook.core.testing.Deliveries;
import io.jenkins.plugins.signedwebhook.core.testing.Fixtures;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What README.md tells a new user to do, with the shaded jar and the shipped example, changed only in its port. */
class ReadmeExampleIT {
    private static final Path JAR = Path.of("target", "signed-webhook-receiver.jar");
    private static final Path EXAMPLES = Path.of("..", "docs", "examples");
    private static final String COMMIT = "abca7305bb3692ff5e2a4da5d7ee0cb2ba2eaff0";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @TempDir
    Path dir;

    private Process process;

    @AfterEach
    void killLeftover() {
        if (process != null && process.isAlive()) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }

    @Test
    void theExampleConfigurationAcceptsTheReadmeCurlAndRunsTheExampleDeployScript() throws Exception {
        Path examples = copyOfExamples();
        int port = freePort();
        Path config = examples.resolve("receiver.yml");
        String yaml = Files.readString(config);
        assertThat(yaml).containsOnlyOnce("\nlisten: 127.0.0.1:9000\n");
        Files.writeString(config, yaml.replace("\nlisten: 127.0.0.1:9000\n", "\nlisten: 127.0.0.1:" + port + "\n"));

        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", JAR.toAbsolutePath().toString(), "--config", config.toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("receiver.log").toFile()));
        builder.environment().put("APP_HOOK_SECRET", "change-me");
        process = builder.start();
        TestReceiver.await(() -> healthy(port));

        byte[] body = Fixtures.github("push-branch.json");
        // As README's curl: a `date +%s%N` delivery id and sha256= the HMAC of the file's bytes.
        String delivery = Long.toString(System.currentTimeMillis() * 1_000_000L);
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/hooks/app"))
                .header("Content-Type", "application/json")
                .header("X-GitHub-Event", "push")
                .header("X-GitHub-Delivery", delivery)
                .header("X-Hub-Signature-256", Deliveries.sign("change-me", body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build(), HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).isEqualTo(202);
        assertThat(answer.body()).contains("\"result\":\"accepted\"");
        Path deployed = examples.resolve("deployed.txt");
        TestReceiver.await(() -> Files.exists(deployed));
        List<String> lines = Files.readAllLines(deployed);
        assertThat(lines).hasSize(1);
        assertThat(lines.get(0)).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ refs/heads/main " + COMMIT);

        process.destroy();
        assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
    }

    /** The example directory copied, so that the run's data and deployed.txt land outside the source tree. */
    private Path copyOfExamples() throws IOException {
        Path copy = dir.resolve("examples");
        Files.createDirectories(copy);
        try (Stream<Path> files = Files.list(EXAMPLES)) {
            for (Path file : files.toList()) {
                Files.copy(file, copy.resolve(file.getFileName().toString()), StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
        return copy;
    }

    private static boolean healthy(int port) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/healthz")).GET().build(),
                    HttpResponse.BodyHandlers.ofString()).body().contains("ok");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
