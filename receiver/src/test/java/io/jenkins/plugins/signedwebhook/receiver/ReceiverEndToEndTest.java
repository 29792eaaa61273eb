package io.jenkins.plugins.signedwebhook.receiver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import io.jenkins.plugins.signedwebhook.core.outbound.signing.StandardWebhooksVerifier;
import io.jenkins.plugins.signedwebhook.core.outbound.signing.Verification;
import io.jenkins.plugins.signedwebhook.core.outbound.signing.SigningSecret;
import io.jenkins.plugins.signedwebhook.core.testing.Deliveries;
import io.jenkins.plugins.signedwebhook.core.testing.Fixtures;
import io.jenkins.plugins.signedwebhook.receiver.config.ReceiverConfig;
import io.jenkins.plugins.signedwebhook.receiver.store.RunState;
import io.jenkins.plugins.signedwebhook.receiver.store.RunStore;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.sql.Statement;
import java.sql.DriverManager;
import java.sql.Connection;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReceiverEndToEndTest {
    private static final String COMMIT = "abca7305bb3692ff5e2a4da5d7ee0cb2ba2eaff0";

    @TempDir
    Path dir;

    private HttpServer sink;
    private final LinkedBlockingQueue<Received> callbacks = new LinkedBlockingQueue<>();

    private record Received(Map<String, List<String>> headers, byte[] body) {
        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }
    }

    @BeforeEach
    void startSink() throws Exception {
        sink = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        sink.createContext("/deploys", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            callbacks.add(new Received(Map.copyOf(exchange.getRequestHeaders()), body));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        sink.start();
    }

    @AfterEach
    void stopSink() {
        sink.stop(0);
    }

    private String yaml(String command, String extra) {
        return """
                listen: 127.0.0.1:0
                dataDir: ./data
                maxBodyBytes: 200000
                callbackAllow: [127.0.0.1]
                hooks:
                  - id: app
                    repository: octo-org/app
                    refs: [main, "feature/**"]
                    secrets: [{env: APP_HOOK_SECRET}]
                    command: %s
                    workdir: .
                    env: [PATH]
                    timeout: 20s
                """.formatted(command) + extra;
    }

    private String callbackYaml() {
        return """
                    callbacks:
                      - url: http://127.0.0.1:%d/deploys
                        secret: {env: CALLBACK_SECRET}
                        scheme: both
                        fields: {environment: production}
                """.formatted(sink.getAddress().getPort());
    }

    @Test
    void signedPushRunsTheCommandWithWebhookVariablesAndPostsAVerifiableCallback() throws Exception {
        TestReceiver.script(dir, "deploy.sh", "env | sort > env.txt\necho deployed");
        try (TestReceiver rx = TestReceiver.start(dir, yaml("[./deploy.sh, --fast]", callbackYaml()))) {
            String delivery = TestReceiver.newDeliveryId();
            HttpResponse<String> answer = rx.post("app", Fixtures.github("push-branch.json"), delivery);

            assertThat(answer.statusCode()).isEqualTo(202);
            JsonNode json = Fixtures.MAPPER.readTree(answer.body());
            assertThat(json.get("result").asText()).isEqualTo("accepted");
            assertThat(json.get("scheduled").get(0).asText()).isEqualTo("app");

            RunStore.Run run = rx.awaitFinished("app", 1).get(0);
            assertThat(run.state()).isEqualTo(RunState.SUCCESS);
            assertThat(run.exitCode()).contains(0);
            assertThat(Files.readString(Path.of(run.logPath().orElseThrow()))).contains("deployed");
            List<String> env = Files.readAllLines(dir.resolve("env.txt"));
            assertThat(env).contains("WEBHOOK_COMMIT=" + COMMIT, "WEBHOOK_REF=refs/heads/main", "WEBHOOK_BRANCH=main",
                    "WEBHOOK_REPOSITORY=octo-org/app", "WEBHOOK_DELIVERY=" + delivery, "WEBHOOK_EVENT=push",
                    "PATH=/usr/bin:/bin");
            assertThat(env).noneMatch(line -> line.startsWith("NOT_PASSED=") || line.startsWith("HOME=")
                    || line.startsWith("APP_HOOK_SECRET="));

            Received callback = callbacks.poll(20, TimeUnit.SECONDS);
            assertThat(callback).isNotNull();
            StandardWebhooksVerifier verifier = new StandardWebhooksVerifier(
                    List.of(SigningSecret.of(TestReceiver.ENV.get("CALLBACK_SECRET"))), Clock.systemUTC());
            assertThat(verifier.verify(callback.header("webhook-id"), callback.header("webhook-timestamp"),
                    callback.header("webhook-signature"), callback.body())).isInstanceOf(Verification.Verified.class);
            JsonNode data = Fixtures.MAPPER.readTree(callback.body()).get("data");
            assertThat(data.get("status").asText()).isEqualTo("SUCCESS");
            assertThat(data.get("commit").asText()).isEqualTo(COMMIT);
            assertThat(data.get("delivery").asText()).isEqualTo(delivery);
            assertThat(data.get("fields").get("environment").asText()).isEqualTo("production");
        }
    }

    @Test
    void metricsCountTheRunItsDurationAndTheCallbackAttempt() throws Exception {
        TestReceiver.script(dir, "deploy.sh", "true");
        try (TestReceiver rx = TestReceiver.start(dir, yaml("[./deploy.sh]", callbackYaml()))) {
            assertThat(rx.post("app", Fixtures.github("push-branch.json"), TestReceiver.newDeliveryId()).statusCode())
                    .isEqualTo(202);
            assertThat(callbacks.poll(20, TimeUnit.SECONDS)).isNotNull();
            TestReceiver.await(() -> metrics(rx).contains("signed_webhook_callback_attempts_total{outcome=\"delivered\"} 1"));

            assertThat(metrics(rx))
                    .contains("signed_webhook_deliveries_total{hook=\"app\",result=\"accepted\"} 1")
                    .contains("signed_webhook_runs_total{hook=\"app\",state=\"success\"} 1")
                    .contains("signed_webhook_run_duration_seconds_bucket{hook=\"app\",le=\"+Inf\"} 1")
                    .contains("signed_webhook_run_duration_seconds_count{hook=\"app\"} 1")
                    .contains("signed_webhook_callbacks_total{hook=\"app\",result=\"delivered\"} 1")
                    .contains("signed_webhook_runs_queued 0")
                    .contains("signed_webhook_callbacks_pending 0")
                    .contains("signed_webhook_runs_running 0");
        }
    }

    private static String metrics(TestReceiver rx) {
        try {
            return rx.get("/metrics").body();
        } catch (Exception e) {
            return "";
        }
    }

    @Test
    void healthzSaysUnavailableWhileTheStoreCannotBeWrittenAndOkAgainAfter() throws Exception {
        TestReceiver.script(dir, "deploy.sh", "true");
        try (TestReceiver rx = TestReceiver.start(dir, yaml("[./deploy.sh]", ""))) {
            assertThat(rx.get("/healthz").statusCode()).isEqualTo(200);
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("data/receiver.db"));
                    Statement s = c.createStatement()) {
                s.execute("CREATE TRIGGER refuse BEFORE INSERT ON health BEGIN SELECT RAISE(ABORT, 'disk full'); END");
                // Checked at most once a second: within a few seconds the answer changes.
                TestReceiver.await(() -> status(rx) == 503);
                assertThat(rx.get("/healthz").body())
                        .isEqualTo("{\"result\":\"unavailable\",\"status\":\"unavailable\",\"reason\":\"the store cannot be written\"}");
                s.execute("DROP TRIGGER refuse");
            }
            TestReceiver.await(() -> status(rx) == 200);
        }
    }

    @Test
    void aPushThatCannotBeStoredIs503UnavailableAndItsRedeliveryIsAcceptedOnceTheStoreRecovers() throws Exception {
        TestReceiver.script(dir, "deploy.sh", "true");
        try (TestReceiver rx = TestReceiver.start(dir, yaml("[./deploy.sh]", ""))) {
            String delivery = TestReceiver.newDeliveryId();
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("data/receiver.db"));
                    Statement s = c.createStatement()) {
                s.execute("CREATE TRIGGER refuse BEFORE INSERT ON runs BEGIN SELECT RAISE(ABORT, 'disk full'); END");
                HttpResponse<String> refused = rx.post("app", Fixtures.github("push-branch.json"), delivery);

                assertThat(refused.statusCode()).isEqualTo(503);
                assertThat(refused.headers().firstValue("Retry-After")).contains("60");
                JsonNode json = Fixtures.MAPPER.readTree(refused.body());
                assertThat(json.get("result").asText()).isEqualTo("unavailable");
                assertThat(json.get("delivery").asText()).isEqualTo(delivery);
                assertThat(json.get("reason").asText()).isEqualTo(
                        "could not schedule app: the server could not take the work now; redeliver it later");
                assertThat(refused.body()).doesNotContain("disk full").doesNotContain("Exception");
                assertThat(rx.runs("app")).isEmpty();
                s.execute("DROP TRIGGER refuse");
            }
            HttpResponse<String> redelivered = rx.post("app", Fixtures.github("push-branch.json"), delivery);

            assertThat(redelivered.statusCode()).isEqualTo(202);
            assertThat(redelivered.body()).contains("\"result\":\"accepted\"");
            assertThat(rx.awaitFinished("app", 1).get(0).state()).isEqualTo(RunState.SUCCESS);
            assertThat(metrics(rx)).contains("signed_webhook_deliveries_total{hook=\"app\",result=\"unavailable\"} 1");
        }
    }

    @Test
    void aRunEndThatCannotBeStoredHoldsPushesAndHealthUntilTheStoreRecoversThenAllGoesOnWithoutARestart() throws Exception {
        TestReceiver.script(dir, "deploy.sh", "while [ ! -e release ]; do sleep 0.02; done");
        try (TestReceiver rx = TestReceiver.start(dir, yaml("[./deploy.sh]", callbackYaml()))) {
            byte[] push = Fixtures.github("push-branch.json");
            assertThat(rx.post("app", push, TestReceiver.newDeliveryId()).statusCode()).isEqualTo(202);
            rx.awaitState("app", RunState.RUNNING);
            assertThat(rx.post("app", Fixtures.pushedLater(push, 1), TestReceiver.newDeliveryId()).statusCode())
                    .as("queued").isEqualTo(202);
            String refusedId = TestReceiver.newDeliveryId();
            byte[] refusedPush = Fixtures.pushedLater(push, 2);
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("data/receiver.db"));
                    Statement s = c.createStatement()) {
                // The run's end and its callbacks cannot be stored; a probe's small write still can, as on a full disk.
                s.execute("CREATE TRIGGER refuse BEFORE INSERT ON outbox BEGIN SELECT RAISE(ABORT, 'disk full'); END");
                Files.createFile(dir.resolve("release"));
                TestReceiver.await(() -> status(rx) == 503);
                assertThat(rx.get("/healthz").body()).isEqualTo("{\"result\":\"unavailable\",\"status\":\"unavailable\",\"reason\":"
                        + "\"the store cannot be written: the end of run 1 of app is not stored yet\"}");
                assertThat(metrics(rx)).contains("signed_webhook_store_writable 0.0")
                        .contains("signed_webhook_runs_unstored 1.0")
                        .containsPattern("signed_webhook_store_write_failures_total [1-9]");

                HttpResponse<String> refused = rx.post("app", refusedPush, refusedId);
                assertThat(refused.statusCode()).isEqualTo(503);
                assertThat(refused.headers().firstValue("Retry-After")).contains("60");
                assertThat(Fixtures.MAPPER.readTree(refused.body()).get("result").asText()).isEqualTo("unavailable");
                assertThat(rx.runs("app")).extracting(RunStore.Run::state)
                        .containsExactly(RunState.RUNNING, RunState.QUEUED);
                s.execute("DROP TRIGGER refuse");
            }
            // No restart: the owed end is stored, the queued run runs, health and pushes are back.
            TestReceiver.await(() -> status(rx) == 200);
            assertThat(rx.awaitFinished("app", 2)).extracting(RunStore.Run::state)
                    .containsExactly(RunState.SUCCESS, RunState.SUCCESS);
            HttpResponse<String> redelivered = rx.post("app", refusedPush, refusedId);
            assertThat(redelivered.statusCode()).isEqualTo(202);
            assertThat(rx.awaitFinished("app", 3)).extracting(RunStore.Run::state).containsOnly(RunState.SUCCESS);
            List<Integer> builds = new java.util.ArrayList<>();
            for (int i = 0; i < 3; i++) {
                Received callback = callbacks.poll(20, TimeUnit.SECONDS);
                assertThat(callback).isNotNull();
                builds.add(Fixtures.MAPPER.readTree(callback.body()).get("data").get("build").asInt());
            }
            assertThat(builds).containsExactlyInAnyOrder(1, 2, 3);
            assertThat(metrics(rx)).contains("signed_webhook_store_writable 1.0").contains("signed_webhook_runs_unstored 0.0");
        }
    }

    private static int status(TestReceiver rx) {
        try {
            return rx.get("/healthz").statusCode();
        } catch (Exception e) {
            return -1;
        }
    }

    @Test
    void aSignedPingIsAnsweredPongAlthoughTheHookListsOnlyPushAndRunsNothing() throws Exception {
        TestReceiver.script(dir, "deploy.sh", "true");
        try (TestReceiver rx = TestReceiver.start(dir, yaml("[./deploy.sh]", ""))) {
            byte[] ping = Fixtures.github("ping-repo.json");
            HttpResponse<String> pong = rx.post("app", "ping", ping, TestReceiver.newDeliveryId(),
                    Deliveries.sign(TestReceiver.SECRET, ping));
            assertThat(pong.statusCode()).isEqualTo(200);
            assertThat(pong.body()).contains("\"result\":\"pong\"");
            HttpResponse<String> forged = rx.post("app", "ping", ping, TestReceiver.newDeliveryId(),
                    "sha256=" + "0".repeat(64));
            assertThat(forged.statusCode()).isEqualTo(403);
            assertThat(rx.runs("app")).isEmpty();
        }
    }

    @Test
    void answersTheDesignTableForRefusedDeliveries() throws Exception {
        TestReceiver.script(dir, "deploy.sh", "true");
        try (TestReceiver rx = TestReceiver.start(dir, yaml("[./deploy.sh]", ""))) {
            byte[] push = Fixtures.github("push-branch.json");
            assertThat(rx.post("app", push, TestReceiver.newDeliveryId(), "sha256=" + "0".repeat(64)).statusCode())
                    .isEqualTo(403);
            assertThat(rx.post("nope", push, TestReceiver.newDeliveryId()).statusCode()).isEqualTo(404);
            // 413 is ReceiverAnswersTest's: answered before the body is read, a client still sending may see a reset.
            HttpResponse<String> tag = rx.post("app", Fixtures.github("push-tag.json"), TestReceiver.newDeliveryId());
            assertThat(tag.statusCode()).isEqualTo(200);
            assertThat(tag.body()).contains("\"ignored\"");
            assertThat(rx.get("/hooks/app").statusCode()).isEqualTo(405);
            assertThat(rx.get("/healthz").body()).contains("ok");
            assertThat(rx.get("/metrics").body()).contains("signed_webhook_deliveries_total{hook=\"app\",result=\"bad_signature\"} 1");
            assertThat(rx.runs("app")).isEmpty();
        }
    }

    @Test
    void laterPushesWaitForTheRunningOneAndCoalesceIntoTheNewestCommit() throws Exception {
        TestReceiver.script(dir, "deploy.sh", "echo \"$WEBHOOK_COMMIT\" >> commits.txt\nwhile [ ! -f release ]; do sleep 0.05; done");
        try (TestReceiver rx = TestReceiver.start(dir, yaml("[./deploy.sh]", ""))) {
            rx.post("app", withAfter("1111111111111111111111111111111111111111"), TestReceiver.newDeliveryId());
            rx.awaitState("app", RunState.RUNNING);
            assertThat(rx.post("app", withAfter("2222222222222222222222222222222222222222"), TestReceiver.newDeliveryId())
                    .statusCode()).isEqualTo(202);
            assertThat(rx.post("app", withAfter("3333333333333333333333333333333333333333"), TestReceiver.newDeliveryId())
                    .statusCode()).isEqualTo(202);
            Files.writeString(dir.resolve("release"), "");

            List<RunStore.Run> runs = rx.awaitFinished("app", 2);
            assertThat(runs).extracting(r -> r.work().commit()).containsExactly(
                    "1111111111111111111111111111111111111111", "3333333333333333333333333333333333333333");
            assertThat(Files.readAllLines(dir.resolve("commits.txt"))).containsExactly(
                    "1111111111111111111111111111111111111111", "3333333333333333333333333333333333333333");
        }
    }

    @Test
    void aCommandOverItsTimeoutIsKilledWithItsChildren() throws Exception {
        TestReceiver.script(dir, "deploy.sh", "sh -c 'sleep 30; touch child-survived' &\nsleep 30");
        try (TestReceiver rx = TestReceiver.start(dir, yaml("[./deploy.sh]", "").replace("timeout: 20s", "timeout: 300ms"))) {
            rx.post("app", Fixtures.github("push-branch.json"), TestReceiver.newDeliveryId());
            RunStore.Run run = rx.awaitFinished("app", 1).get(0);
            assertThat(run.state()).isEqualTo(RunState.TIMEOUT);
            assertThat(run.exitCode()).isEmpty();
            assertThat(ProcessHandle.allProcesses().filter(p -> p.info().commandLine().orElse("").contains("sleep 30; touch child-survived")))
                    .isEmpty();
        }
    }

    @Test
    void restartOnTheSameDataDirectoryRecordsTheInterruptedRunRequeuesItAndStillRefusesDuplicates() throws Exception {
        TestReceiver.script(dir, "deploy.sh", "if [ -f first ]; then echo second >> runs.txt; exit 0; fi\ntouch first\nsleep 30");
        try (TestReceiver rx = TestReceiver.start(dir, yaml("[./deploy.sh]", "    onInterrupted: requeue\n"))) {
            String delivery = TestReceiver.newDeliveryId();
            byte[] push = Fixtures.github("push-branch.json");
            assertThat(rx.post("app", push, delivery).statusCode()).isEqualTo(202);
            rx.awaitState("app", RunState.RUNNING);
            TestReceiver.await(() -> Files.exists(dir.resolve("first")));

            Instant crashedAt = Instant.now();
            rx.crashAndRestart();

            List<RunStore.Run> runs = rx.awaitFinished("app", 2);
            assertThat(runs.get(0).state()).isEqualTo(RunState.INTERRUPTED);
            assertThat(runs.get(1).state()).isEqualTo(RunState.SUCCESS);
            assertThat(runs.get(1).work().delivery()).isEqualTo(delivery);
            assertThat(runs.get(1).work().commit()).isEqualTo(COMMIT);
            HttpResponse<String> again = rx.post("app", push, delivery);
            assertThat(again.statusCode()).isEqualTo(200);
            assertThat(again.body()).contains("\"duplicate\"");
            assertThat(Instant.parse(Fixtures.MAPPER.readTree(again.body()).get("first_accepted_at").asText()))
                    .isBefore(crashedAt);
            assertThat(rx.runs("app")).hasSize(2);
        }
    }

    @Test
    void aPortInUseIsReportedAsTheListenField() throws Exception {
        TestReceiver.script(dir, "deploy.sh", "true");
        try (TestReceiver rx = TestReceiver.start(dir, yaml("[./deploy.sh]", ""))) {
            ReceiverConfig taken = rx.config.withListen(InetSocketAddress.createUnresolved("127.0.0.1",
                    rx.receiver.baseUri().getPort()));
            assertThatThrownBy(() -> Receiver.start(taken, TestReceiver.ENV::get, Clock.systemUTC()))
                    .isInstanceOf(IOException.class)
                    .hasMessageStartingWith("listen: cannot serve on 127.0.0.1:" + rx.receiver.baseUri().getPort());
        }
    }

    private static byte[] withAfter(String commit) throws Exception {
        ObjectNode push = (ObjectNode) Fixtures.MAPPER.readTree(Fixtures.github("push-branch.json"));
        push.put("after", commit);
        return Fixtures.MAPPER.writeValueAsBytes(push);
    }
}
