package io.jenkins.plugins.signedwebhook.receiver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.signedwebhook.core.testing.Fixtures;
import java.io.IOException;
import java.io.OutputStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shaded jar with its data directory on a small tmpfs that a test file fills during a run, as a disk fills: the
 * run's end waits in memory, /healthz and pushes say 503, and once space is freed everything goes on without a restart.
 * Needs {@code mount} (root); skipped where the machine does not allow it.
 */
class ReceiverDiskFullIT {
    /** A callback field this large makes the run's end need more new pages than a full disk can give. */
    private static final int FIELD_CHARS = 400_000;

    @TempDir
    Path dir;

    private Path data;
    private boolean mounted;
    private Process process;
    private int port;

    @BeforeEach
    void mountSmallFileSystem() throws Exception {
        data = Files.createDirectory(dir.resolve("data"));
        Process mount;
        try {
            mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", data.toString())
                    .redirectErrorStream(true).start();
        } catch (IOException e) {
            assumeTrue(false, () -> "no mount command here: " + e.getMessage());
            return;
        }
        boolean done = mount.waitFor(20, TimeUnit.SECONDS);
        mounted = done && mount.exitValue() == 0;
        assumeTrue(mounted, () -> "cannot mount a tmpfs here: " + output(mount));
    }

    private static String output(Process process) {
        try {
            return new String(process.getInputStream().readAllBytes());
        } catch (IOException e) {
            return e.toString();
        }
    }

    @AfterEach
    void unmount() throws Exception {
        JarProcess.killLeftover(process);
        if (process != null) {
            process.waitFor(10, TimeUnit.SECONDS);
        }
        if (mounted) {
            new ProcessBuilder("umount", "-l", data.toString()).inheritIO().start().waitFor(20, TimeUnit.SECONDS);
        }
    }

    @Test
    void aDiskThatFillsDuringARunHoldsPushesAndHealthUntilSpaceIsFreedThenTheRunEndIsStoredAndWorkGoesOn()
            throws Exception {
        TestReceiver.script(dir, "deploy.sh", "touch started\nwhile [ ! -e release ]; do sleep 0.02; done");
        try (CallbackSink sink = CallbackSink.answering(200)) {
            configure(sink);
            process = JarProcess.start(dir.resolve("receiver.yml"), Map.of("APP_HOOK_SECRET", TestReceiver.SECRET,
                    "CALLBACK_SECRET", TestReceiver.ENV.get("CALLBACK_SECRET")), dir.resolve("receiver.log"), port);
            byte[] push = Fixtures.github("push-branch.json");
            assertThat(JarProcess.post(port, TestReceiver.SECRET, push, TestReceiver.newDeliveryId()).statusCode())
                    .isEqualTo(202);
            TestReceiver.await(() -> Files.exists(dir.resolve("started")));

            Path filler = data.resolve("filler");
            fill(filler);
            Files.createFile(dir.resolve("release"));
            TestReceiver.await(() -> healthz().contains("the end of run 1 of app is not stored yet"));
            assertThat(metrics()).contains("signed_webhook_store_writable 0.0").contains("signed_webhook_runs_unstored 1.0");
            String refusedId = TestReceiver.newDeliveryId();
            byte[] refusedPush = Fixtures.pushedLater(push, 1);
            HttpResponse<String> refused = JarProcess.post(port, TestReceiver.SECRET, refusedPush, refusedId);
            assertThat(refused.statusCode()).isEqualTo(503);
            assertThat(refused.headers().firstValue("Retry-After")).contains("60");
            assertThat(refused.body()).contains("\"result\":\"unavailable\"");

            Files.delete(filler);
            TestReceiver.await(() -> healthz().equals("{\"result\":\"ok\",\"status\":\"ok\"}"));
            TestReceiver.await(() -> sink.delivered().size() == 1);
            JsonNode first = Fixtures.MAPPER.readTree(sink.delivered().get(0).body()).get("data");
            assertThat(first.get("build").asInt()).isEqualTo(1);
            assertThat(first.get("status").asText()).isEqualTo("SUCCESS");

            HttpResponse<String> redelivered = JarProcess.post(port, TestReceiver.SECRET, refusedPush, refusedId);
            assertThat(redelivered.statusCode()).isEqualTo(202);
            TestReceiver.await(() -> sink.delivered().size() == 2);
            assertThat(Fixtures.MAPPER.readTree(sink.delivered().get(1).body()).get("data").get("delivery").asText())
                    .isEqualTo(refusedId);
            assertThat(metrics()).contains("signed_webhook_store_writable 1.0")
                    .contains("signed_webhook_runs_total{hook=\"app\",state=\"success\"} 2");
            assertThat(Files.readString(dir.resolve("receiver.log"))).contains("could not be stored with its callbacks")
                    .contains("the end of run 1 of app is stored with its callbacks");
        }
    }

    /** Writes {@code file} until the file system has no space left. */
    private static void fill(Path file) throws IOException {
        byte[] chunk = new byte[64 * 1024];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (int i = 0; i < 1024; i++) {
                out.write(chunk);
            }
        } catch (IOException full) {
            return;
        }
        throw new AssertionError("the 8 MiB file system did not fill with 64 MiB");
    }

    private String healthz() {
        try {
            return JarProcess.get(port, "/healthz");
        } catch (IOException e) {
            return "";
        }
    }

    private String metrics() throws IOException {
        return JarProcess.get(port, "/metrics");
    }

    private void configure(CallbackSink sink) throws IOException {
        port = JarProcess.freePort();
        Files.writeString(dir.resolve("receiver.yml"), """
                listen: 127.0.0.1:%d
                dataDir: ./data
                callbackAllow: [127.0.0.0/8]
                hooks:
                  - id: app
                    repository: octo-org/app
                    secrets: [{env: APP_HOOK_SECRET}]
                    command: [./deploy.sh]
                    workdir: .
                    callbacks:
                      - url: %s
                        secret: {env: CALLBACK_SECRET}
                        fields: {padding: %s}
                """.formatted(port, sink.url(), "x".repeat(FIELD_CHARS)));
    }
}
