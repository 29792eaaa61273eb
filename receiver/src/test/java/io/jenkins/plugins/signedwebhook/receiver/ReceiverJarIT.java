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
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shaded jar as users run it, in a child JVM: SIGKILL mid-run, restart, SIGTERM. */
class ReceiverJarIT {
    private static final Path JAR = Path.of("target", "signed-webhook-receiver.jar");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @TempDir
    Path dir;

    private Process process;
    private int port;

    @AfterEach
    void killLeftover() {
        if (process != null && process.isAlive()) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }

    @Test
    void killedMidRunRecoversTheRunOnRestartRefusesTheDuplicateAndStopsOnSigterm() throws Exception {
        TestReceiver.script(dir, "deploy.sh", "if [ -f first ]; then echo again >> runs.txt; exit 0; fi\ntouch first\nsleep 30");
        port = freePort();
        Files.writeString(dir.resolve("receiver.yml"), """
                listen: 127.0.0.1:%d
                dataDir: ./data
                hooks:
                  - id: app
                    repository: octo-org/app
                    secrets: [{env: APP_HOOK_SECRET}]
                    command: [./deploy.sh]
                    workdir: .
                    onInterrupted: requeue
                """.formatted(port));
        byte[] push = Fixtures.github("push-branch.json");
        String delivery = TestReceiver.newDeliveryId();

        start();
        assertThat(post(push, delivery).statusCode()).isEqualTo(202);
        TestReceiver.await(() -> Files.exists(dir.resolve("first")));
        List<ProcessHandle> children = process.descendants().toList();
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        // SIGKILL leaves the command orphaned, as a real crash would; the test cleans up what the JVM left.
        children.forEach(ProcessHandle::destroyForcibly);

        start();
        TestReceiver.await(() -> Files.exists(dir.resolve("runs.txt")));
        HttpResponse<String> again = post(push, delivery);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.body()).contains("\"duplicate\"");
        assertThat(get("/metrics")).contains("signed_webhook_runs_total{hook=\"app\",state=\"interrupted\"} 1");

        process.destroy();
        assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(Files.readString(dir.resolve("receiver.log"))).contains("stopping");
    }

    private void start() throws Exception {
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", JAR.toAbsolutePath().toString(), "--config", dir.resolve("receiver.yml").toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("receiver.log").toFile()));
        builder.environment().put("APP_HOOK_SECRET", TestReceiver.SECRET);
        process = builder.start();
        TestReceiver.await(() -> {
            try {
                return get("/healthz").contains("ok");
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        });
    }

    private HttpResponse<String> post(byte[] body, String delivery) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/hooks/app"))
                .header("Content-Type", "application/json")
                .header("X-GitHub-Event", "push")
                .header("X-GitHub-Delivery", delivery)
                .header("X-Hub-Signature-256", Deliveries.sign(TestReceiver.SECRET, body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private String get(String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
