package io.jenkins.plugins.signedwebhook.receiver;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.signedwebhook.core.outbound.signing.SigningSecret;
import io.jenkins.plugins.signedwebhook.core.outbound.signing.StandardWebhooksVerifier;
import io.jenkins.plugins.signedwebhook.core.outbound.signing.Verification;
import io.jenkins.plugins.signedwebhook.core.testing.Fixtures;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shaded jar as users run it, in a child JVM: SIGKILL mid-run and during callback retries, restart, SIGTERM. */
class ReceiverJarIT {

    @TempDir
    Path dir;

    private Process process;
    private int port;

    @AfterEach
    void killLeftover() {
        JarProcess.killLeftover(process);
    }

    @Test
    void killedMidRunRecoversTheRunOnRestartRefusesTheDuplicateAndStopsOnSigterm() throws Exception {
        TestReceiver.script(dir, "deploy.sh", "if [ -f first ]; then echo again >> runs.txt; exit 0; fi\ntouch first\nsleep 30");
        configure("requeue", "");
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
        // Logged while JUL's own shutdown hook runs too: neither line is lost (StoppingLogManager).
        assertThat(Files.readString(dir.resolve("receiver.log"))).contains("Receiver: stopping")
                .contains("Receiver: stopped");
    }

    @Test
    void killedDuringCallbackRetriesDeliversTheStoredCallbackWithItsOriginalIdAfterRestart() throws Exception {
        TestReceiver.script(dir, "deploy.sh", "echo deployed");
        try (CallbackSink sink = CallbackSink.answering(500)) {
            configure("requeue", callbacks(sink));
            byte[] push = Fixtures.github("push-branch.json");
            String delivery = TestReceiver.newDeliveryId();

            start();
            assertThat(post(push, delivery).statusCode()).isEqualTo(202);
            TestReceiver.await(() -> !sink.received().isEmpty());
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            List<CallbackSink.Received> failed = sink.received();
            sink.answer(200);

            start();
            TestReceiver.await(() -> !sink.delivered().isEmpty());
            CallbackSink.Received callback = sink.delivered().get(0);
            assertThat(failed).allSatisfy(attempt -> {
                assertThat(attempt.status()).isEqualTo(500);
                assertThat(attempt.header("webhook-id")).isEqualTo(callback.header("webhook-id"));
                assertThat(attempt.body()).isEqualTo(callback.body());
            });
            assertThat(verifier().verify(callback.header("webhook-id"), callback.header("webhook-timestamp"),
                    callback.header("webhook-signature"), callback.body())).isInstanceOf(Verification.Verified.class);
            JsonNode message = Fixtures.MAPPER.readTree(callback.body());
            assertThat(message.get("id").asText()).isEqualTo(callback.header("webhook-id"));
            assertThat(message.get("data").get("status").asText()).isEqualTo("SUCCESS");
            assertThat(message.get("data").get("delivery").asText()).isEqualTo(delivery);

            HttpResponse<String> again = post(push, delivery);
            assertThat(again.statusCode()).isEqualTo(200);
            assertThat(again.body()).contains("\"duplicate\"");
        }
    }

    @Test
    void killedMidRunWithOnInterruptedFailSendsAnInterruptedCallbackAndDoesNotRunTheCommandAgain() throws Exception {
        TestReceiver.script(dir, "deploy.sh",
                "echo \"$WEBHOOK_DELIVERY\" >> runs.txt\nif [ -f first ]; then exit 0; fi\ntouch first\nsleep 30");
        try (CallbackSink sink = CallbackSink.answering(200)) {
            configure("fail", callbacks(sink));
            String interrupted = TestReceiver.newDeliveryId();

            start();
            assertThat(post(Fixtures.github("push-branch.json"), interrupted).statusCode()).isEqualTo(202);
            TestReceiver.await(() -> Files.exists(dir.resolve("first")));
            List<ProcessHandle> children = process.descendants().toList();
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            children.forEach(ProcessHandle::destroyForcibly);

            start();
            TestReceiver.await(() -> !sink.delivered().isEmpty());
            CallbackSink.Received callback = sink.delivered().get(0);
            assertThat(verifier().verify(callback.header("webhook-id"), callback.header("webhook-timestamp"),
                    callback.header("webhook-signature"), callback.body())).isInstanceOf(Verification.Verified.class);
            JsonNode data = Fixtures.MAPPER.readTree(callback.body()).get("data");
            assertThat(data.get("status").asText()).isEqualTo("INTERRUPTED");
            assertThat(data.get("delivery").asText()).isEqualTo(interrupted);

            // A later push runs next: had the interrupted run been requeued, it would have run before this one.
            String later = TestReceiver.newDeliveryId();
            assertThat(post(Fixtures.pushedLater(Fixtures.github("push-branch.json"), 1), later).statusCode()).isEqualTo(202);
            TestReceiver.await(() -> sink.delivered().size() >= 2);
            assertThat(Files.readAllLines(dir.resolve("runs.txt"))).containsExactly(interrupted, later);
            assertThat(get("/metrics"))
                    .contains("signed_webhook_runs_total{hook=\"app\",state=\"interrupted\"} 1")
                    .contains("signed_webhook_runs_total{hook=\"app\",state=\"success\"} 1");
        }
    }

    @Test
    void killedMidRunWithANewerPushQueuedRunsTheNewerCommitAfterRestartAndNotTheInterruptedOneAgain() throws Exception {
        TestReceiver.script(dir, "deploy.sh",
                "echo \"$WEBHOOK_COMMIT\" >> commits.txt\nif [ -f first ]; then exit 0; fi\ntouch first\nsleep 30");
        configure("requeue", "");
        byte[] interrupted = Fixtures.github("push-branch.json");
        String interruptedCommit = Fixtures.MAPPER.readTree(interrupted).get("after").asText();
        String newerCommit = "0123456789abcdef0123456789abcdef01234567";
        ObjectNode newer = (ObjectNode) Fixtures.MAPPER.readTree(interrupted);
        newer.put("after", newerCommit);

        start();
        assertThat(post(interrupted, TestReceiver.newDeliveryId()).statusCode()).isEqualTo(202);
        TestReceiver.await(() -> Files.exists(dir.resolve("first")));
        assertThat(post(Fixtures.MAPPER.writeValueAsBytes(newer), TestReceiver.newDeliveryId()).statusCode()).isEqualTo(202);
        assertThat(get("/metrics")).contains("signed_webhook_runs_queued 1");
        List<ProcessHandle> children = process.descendants().toList();
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        children.forEach(ProcessHandle::destroyForcibly);

        start();
        TestReceiver.await(() -> {
            try {
                return get("/metrics").contains("signed_webhook_runs_total{hook=\"app\",state=\"success\"} 1");
            } catch (IOException e) {
                return false;
            }
        });
        // Requeued over the newer push, the interrupted commit would have taken its place in the one queued slot.
        assertThat(Files.readAllLines(dir.resolve("commits.txt"))).containsExactly(interruptedCommit, newerCommit);
        assertThat(get("/metrics"))
                .contains("signed_webhook_runs_total{hook=\"app\",state=\"interrupted\"} 1")
                .contains("signed_webhook_runs_queued 0");
    }

    @Test
    void killedMidRunEndsTheInterruptedCommandsWholeSessionBeforeTheNewerPushRunsAndSaysACrashInterruptedIt()
            throws Exception {
        // The first run leaves a leader that SIGTERM ends and a child that ignores it; the second notes any of them
        // still alive at the moment it starts.
        TestReceiver.script(dir, "deploy.sh", """
                if [ -f first ]; then
                  for f in leader.pid child.pid; do
                    state=$(cut -d' ' -f3 "/proc/$(cat $f)/stat" 2>/dev/null)
                    case "$state" in ''|Z) ;; *) echo "$f $state" >> overlap.txt ;; esac
                  done
                  echo "$WEBHOOK_COMMIT" > second.txt
                  exit 0
                fi
                echo $$ > leader.pid
                (trap '' TERM; exec sleep 60) &
                echo $! > child.pid
                touch first
                wait""");
        configure("requeue", "");
        byte[] interrupted = Fixtures.github("push-branch.json");
        String newerCommit = "0123456789abcdef0123456789abcdef01234567";
        ObjectNode newer = (ObjectNode) Fixtures.MAPPER.readTree(interrupted);
        newer.put("after", newerCommit);

        start();
        assertThat(post(interrupted, TestReceiver.newDeliveryId()).statusCode()).isEqualTo(202);
        TestReceiver.await(() -> Files.exists(dir.resolve("first")));
        assertThat(post(Fixtures.MAPPER.writeValueAsBytes(newer), TestReceiver.newDeliveryId()).statusCode()).isEqualTo(202);
        long leader = Long.parseLong(Files.readString(dir.resolve("leader.pid")).trim());
        long child = Long.parseLong(Files.readString(dir.resolve("child.pid")).trim());
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        assertThat(running(leader)).as("the command outlives SIGKILL of the receiver").isTrue();

        start();
        TestReceiver.await(() -> Files.exists(dir.resolve("second.txt")));
        assertThat(dir.resolve("overlap.txt")).as("processes of the interrupted run alive when the next one started")
                .doesNotExist();
        assertThat(Files.readString(dir.resolve("second.txt")).trim()).isEqualTo(newerCommit);
        assertThat(running(leader)).isFalse();
        assertThat(running(child)).isFalse();
        assertThat(Files.readString(dir.resolve("receiver.log")))
                .contains("run 1 of app was interrupted by a crash; its command (pid " + leader + " and its session) was"
                        + " still running and was ended by SIGKILL after the grace of 2000 ms, before the hook's next run")
                .doesNotContain("interrupted by a stop");
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("data/receiver.db"));
                java.sql.Statement s = c.createStatement();
                java.sql.ResultSet rs = s.executeQuery("SELECT state, interrupted_by FROM runs WHERE id = 1")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("interrupted");
            assertThat(rs.getString(2)).isEqualTo("crash");
        }
    }

    /** Alive and not a zombie: an orphan killed here may wait for a reaper that never comes. */
    private static boolean running(long pid) throws IOException {
        Path stat = Path.of("/proc", Long.toString(pid), "stat");
        if (!Files.exists(stat)) {
            return false;
        }
        String line;
        try {
            line = Files.readString(stat);
        } catch (java.nio.file.NoSuchFileException e) {
            return false;
        }
        return !line.substring(line.lastIndexOf(')') + 1).trim().startsWith("Z");
    }

    private void configure(String onInterrupted, String callbacks) throws IOException {
        port = JarProcess.freePort();
        Files.writeString(dir.resolve("receiver.yml"), """
                listen: 127.0.0.1:%d
                dataDir: ./data
                callbackAllow: [127.0.0.0/8]
                shutdownGrace: 2s
                hooks:
                  - id: app
                    repository: octo-org/app
                    secrets: [{env: APP_HOOK_SECRET}]
                    command: [./deploy.sh]
                    workdir: .
                    onInterrupted: %s
                """.formatted(port, onInterrupted) + callbacks);
    }

    private static String callbacks(CallbackSink sink) {
        return """
                    callbacks:
                      - url: %s
                        secret: {env: CALLBACK_SECRET}
                        scheme: standard-webhooks
                        fields: {environment: production}
                """.formatted(sink.url());
    }

    private static StandardWebhooksVerifier verifier() {
        return new StandardWebhooksVerifier(List.of(SigningSecret.of(TestReceiver.ENV.get("CALLBACK_SECRET"))),
                Clock.systemUTC());
    }

    private void start() throws Exception {
        process = JarProcess.start(dir.resolve("receiver.yml"), Map.of("APP_HOOK_SECRET", TestReceiver.SECRET,
                "CALLBACK_SECRET", TestReceiver.ENV.get("CALLBACK_SECRET")), dir.resolve("receiver.log"), port);
    }

    private HttpResponse<String> post(byte[] body, String delivery) throws Exception {
        return JarProcess.post(port, TestReceiver.SECRET, body, delivery);
    }

    private String get(String path) throws IOException {
        return JarProcess.get(port, path);
    }
}
