package io.jenkins.plugins.signedwebhook.receiver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.signedwebhook.core.testing.Fixtures;
import io.jenkins.plugins.signedwebhook.receiver.store.Interruption;
import io.jenkins.plugins.signedwebhook.receiver.store.NetworkCut;
import io.jenkins.plugins.signedwebhook.receiver.store.PostgresDatabase;
import io.jenkins.plugins.signedwebhook.receiver.store.PostgresServer;
import io.jenkins.plugins.signedwebhook.receiver.store.RunState;
import io.jenkins.plugins.signedwebhook.receiver.store.RunStore;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two receivers (replicas) in one JVM on one real PostgreSQL database, as behind a load balancer: each delivery
 * accepted once, one run at a time per hook across both, a dead replica's run taken over, an outage survived.
 */
class ReceiverHaTest {
    private static final String FIXTURE_COMMIT = "abca7305bb3692ff5e2a4da5d7ee0cb2ba2eaff0";
    private static final Map<String, String> ENV = Map.of("PG_PASSWORD", PostgresServer.PASSWORD);
    @org.junit.jupiter.api.extension.RegisterExtension
    static final PostgresDatabase PG = new PostgresDatabase();

    @TempDir
    Path dir;

    private String url;
    private CallbackSink sink;
    private final List<TestReceiver> replicas = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        url = PG.url();
        sink = CallbackSink.answering(204);
    }

    @AfterEach
    void tearDown() throws Exception {
        for (TestReceiver replica : replicas) {
            try {
                replica.close();
            } catch (Exception e) {
                // Already halted by the test.
            }
        }
        sink.close();
    }

    /** A replica with its own data directory and the shared database; commands run in the shared {@code dir}. */
    private TestReceiver replica(String id, String command, String lease, String onInterrupted) throws Exception {
        return replica(id, id, command, lease, onInterrupted, url, java.time.Clock.systemUTC());
    }

    /** As above, in directory {@code home}, on the database at {@code url} (through a {@link NetworkCut}, say). */
    private TestReceiver replica(String home, String id, String command, String lease, String onInterrupted,
            String url, java.time.Clock clock) throws Exception {
        Path dataDir = Files.createDirectories(dir.resolve(home));
        String yaml = """
                listen: 127.0.0.1:0
                dataDir: ./data
                replicaId: %s
                shutdownGrace: 5s
                store:
                  postgres: {url: "%s", user: %s, passwordEnv: PG_PASSWORD, lease: %s}
                callbackAllow: [127.0.0.1]
                hooks:
                  - id: app
                    repository: octo-org/app
                    refs: [main]
                    secrets: [{env: APP_HOOK_SECRET}]
                    command: [%s]
                    workdir: ..
                    env: [PATH]
                    timeout: 20s
                    onInterrupted: %s
                    callbacks:
                      - url: %s
                        secret: {env: CALLBACK_SECRET}
                """.formatted(id, url, PostgresServer.USER, lease, command, onInterrupted, sink.url());
        TestReceiver replica = TestReceiver.start(dataDir, yaml, ENV, clock);
        replicas.add(replica);
        return replica;
    }

    private static byte[] push(String commit) throws IOException {
        String body = new String(Fixtures.github("push-branch.json"), StandardCharsets.UTF_8);
        return body.replace("\"after\": \"" + FIXTURE_COMMIT + "\"", "\"after\": \"" + commit + "\"")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** Never all zeros, which a forge sends for a deleted ref. */
    private static String commit(int n) {
        return String.format("c%039x", n);
    }

    private static String result(HttpResponse<String> answer) throws IOException {
        return Fixtures.MAPPER.readTree(answer.body()).get("result").asText();
    }

    private boolean outboxEmpty() {
        try (java.sql.Connection c = PG.server().connectUrl(url); java.sql.Statement s = c.createStatement();
                java.sql.ResultSet rs = s.executeQuery("SELECT count(*) FROM outbox")) {
            rs.next();
            return rs.getLong(1) == 0;
        } catch (java.sql.SQLException e) {
            return false;
        }
    }

    private static boolean idle(TestReceiver rx) {
        try {
            return rx.runs("app").stream().allMatch(r -> r.finishedAt().isPresent());
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean ran(TestReceiver rx, String commit) {
        try {
            return rx.runs("app").stream().anyMatch(r -> r.work().commit().equals(commit) && r.finishedAt().isPresent());
        } catch (IOException e) {
            return false;
        }
    }

    private List<String> statuses() {
        return sink.received().stream().map(r -> {
            try {
                return Fixtures.MAPPER.readTree(r.body()).get("data").get("status").asText();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }).toList();
    }

    private List<String> callbackIds() {
        return sink.received().stream().map(r -> r.header("webhook-id")).toList();
    }

    @Test
    void fiveHundredDeliveriesOverTwoReplicasAreEachAcceptedOnceAndTheirRunsNeverOverlap() throws Exception {
        TestReceiver.script(dir, "record.sh", "echo \"start $WEBHOOK_COMMIT\" >> runs.txt\nsleep 0.02\n"
                + "echo \"end $WEBHOOK_COMMIT\" >> runs.txt");
        TestReceiver a = replica("a", "./record.sh", "30s", "requeue");
        TestReceiver b = replica("b", "./record.sh", "30s", "requeue");
        Map<String, AtomicInteger> accepted = new ConcurrentHashMap<>();
        List<String> others = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> sent = new ArrayList<>();
            for (int i = 0; i < 500; i++) {
                int n = i;
                String id = "delivery-" + (n < 450 ? n : n - 50);
                sent.add(pool.submit(() -> {
                    // The first 50 ids go to both replicas, once more each from 450 on.
                    TestReceiver to = n % 2 == 0 ? a : b;
                    if (n >= 450) {
                        to = (n - 50) % 2 == 0 ? b : a;
                    }
                    HttpResponse<String> answer = to.post("app", push(commit(n)), id);
                    String result = result(answer);
                    if (result.equals("accepted")) {
                        accepted.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
                    } else if (!result.equals("duplicate")) {
                        others.add(id + ": " + answer.statusCode() + " " + answer.body());
                    }
                    return null;
                }));
            }
            for (Future<?> f : sent) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        assertThat(others).isEmpty();
        assertThat(accepted).hasSize(450);
        assertThat(accepted.values()).allSatisfy(count -> assertThat(count.get()).isEqualTo(1));

        TestReceiver.await(() -> idle(a));
        String newest = commit(1000);
        assertThat(result(b.post("app", push(newest), "delivery-last"))).isEqualTo("accepted");
        TestReceiver.await(() -> idle(a) && ran(a, newest));

        List<String> lines = Files.readAllLines(dir.resolve("runs.txt"));
        for (int i = 0; i < lines.size(); i++) {
            String[] line = lines.get(i).split(" ");
            assertThat(line[0]).as("line %d of %s", i, lines).isEqualTo(i % 2 == 0 ? "start" : "end");
            if (i % 2 == 1) {
                assertThat(line[1]).isEqualTo(lines.get(i - 1).split(" ")[1]);
            }
        }
        assertThat(lines.get(lines.size() - 1)).isEqualTo("end " + newest);
        List<RunStore.Run> runs = a.runs("app");
        assertThat(runs).allSatisfy(r -> assertThat(r.state()).isEqualTo(RunState.SUCCESS));
        assertThat(runs).hasSize(lines.size() / 2);
        Map<String, Integer> byDelivery = new HashMap<>();
        runs.forEach(r -> byDelivery.merge(r.work().delivery(), 1, Integer::sum));
        assertThat(byDelivery.values()).allSatisfy(count -> assertThat(count).isEqualTo(1));
    }

    @Test
    void aReplicaThatDiesDuringARunHasItInterruptedAndRequeuedByTheOtherAfterItsLease() throws Exception {
        TestReceiver.script(dir, "slow.sh", "echo \"start $WEBHOOK_DELIVERY\" >> runs.txt\n"
                + "if [ ! -e once ]; then touch once; sleep 30; fi\necho \"end $WEBHOOK_DELIVERY\" >> runs.txt");
        TestReceiver a = replica("a", "./slow.sh", "2s", "requeue");
        TestReceiver b = replica("b", "./slow.sh", "2s", "requeue");
        assertThat(result(a.post("app", push(commit(1)), "d-1"))).isEqualTo("accepted");
        // Halted only once its command has marked the first attempt, so that the re-run is the quick one.
        TestReceiver.await(() -> Files.exists(dir.resolve("once")));
        a.receiver.halt();

        TestReceiver.await(() -> {
            try {
                return b.runs("app").size() == 2 && idle(b);
            } catch (IOException e) {
                return false;
            }
        });
        List<RunStore.Run> runs = b.runs("app");
        assertThat(runs.get(0).state()).isEqualTo(RunState.INTERRUPTED);
        assertThat(runs.get(0).interruption()).contains(Interruption.LEASE);
        assertThat(runs.get(1).state()).isEqualTo(RunState.SUCCESS);
        assertThat(runs.get(1).work().delivery()).isEqualTo("d-1");
        TestReceiver.await(() -> sink.received().size() >= 2);
        assertThat(statuses())
                .containsExactlyInAnyOrder("INTERRUPTED", "SUCCESS");
        assertThat(callbackIds()).doesNotHaveDuplicates();
    }

    @Test
    void aRunInterruptedOnAReplicaThatDiedFailsWhenTheHookSaysFail() throws Exception {
        TestReceiver.script(dir, "slow.sh", "sleep 30");
        TestReceiver a = replica("a", "./slow.sh", "2s", "fail");
        TestReceiver b = replica("b", "./slow.sh", "2s", "fail");
        assertThat(result(a.post("app", push(commit(1)), "d-1"))).isEqualTo("accepted");
        a.awaitState("app", RunState.RUNNING);
        a.receiver.halt();

        b.awaitState("app", RunState.INTERRUPTED);
        assertThat(b.runs("app")).singleElement().satisfies(r -> assertThat(r.interruption()).contains(Interruption.LEASE));
        TestReceiver.await(() -> sink.received().size() == 1);
        assertThat(statuses().get(0)).isEqualTo("INTERRUPTED");
    }

    @Test
    void whileTheDatabaseIsDownPushesAndHealthzAre503AndBothResumeWhenItIsBack() throws Exception {
        TestReceiver.script(dir, "quick.sh", "true");
        TestReceiver a = replica("a", "./quick.sh", "30s", "requeue");
        TestReceiver b = replica("b", "./quick.sh", "30s", "requeue");
        assertThat(result(a.post("app", push(commit(1)), "before"))).isEqualTo("accepted");
        // Delivered and removed from the outbox: one still stored would be sent again, with its id, after the outage.
        TestReceiver.await(() -> idle(a) && sink.received().size() == 1 && outboxEmpty());

        PG.server().stopServer();
        try {
            for (TestReceiver rx : List.of(a, b)) {
                TestReceiver.await(() -> {
                    try {
                        return rx.get("/healthz").statusCode() == 503;
                    } catch (Exception e) {
                        return false;
                    }
                });
                HttpResponse<String> refused = rx.post("app", push(commit(2)), "during");
                assertThat(refused.statusCode()).isEqualTo(503);
                assertThat(result(refused)).isEqualTo("unavailable");
                assertThat(refused.headers().firstValue("Retry-After")).isPresent();
                assertThat(refused.body()).doesNotContain(PostgresServer.PASSWORD);
            }
        } finally {
            PG.server().startServer();
        }
        for (TestReceiver rx : List.of(a, b)) {
            TestReceiver.await(() -> {
                try {
                    return rx.get("/healthz").statusCode() == 200;
                } catch (Exception e) {
                    return false;
                }
            });
        }
        assertThat(result(b.post("app", push(commit(2)), "during"))).isEqualTo("accepted");
        assertThat(result(a.post("app", push(commit(2)), "during"))).isEqualTo("duplicate");
        TestReceiver.await(() -> idle(a) && sink.received().size() == 2);
        assertThat(a.runs("app")).extracting(r -> r.work().delivery()).containsExactly("before", "during");
        assertThat(a.runs("app")).allSatisfy(r -> assertThat(r.state()).isEqualTo(RunState.SUCCESS));
    }

    /** A command that notes its start, and any run of the hook whose command still runs meanwhile, then waits. */
    private void overlapScript() throws IOException {
        TestReceiver.script(dir, "guarded.sh", """
                echo "start $WEBHOOK_DELIVERY" >> runs.txt
                for p in $(cat pids 2>/dev/null); do
                  if kill -0 "$p" 2>/dev/null; then echo "overlap with $p" >> runs.txt; fi
                done
                echo $$ >> pids
                if [ ! -e once ]; then touch once; sleep 60; fi
                echo "end $WEBHOOK_DELIVERY" >> runs.txt""");
    }

    private List<String> statesOf(TestReceiver rx) {
        try {
            return rx.runs("app").stream().map(r -> r.state() + r.interruption().map(i -> " by " + i).orElse("")).toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    @Test
    void aReplicaCutOffFromTheDatabaseEndsItsCommandBeforeTheOtherStartsTheHooksNextRun() throws Exception {
        overlapScript();
        try (NetworkCut network = NetworkCut.to(PG.server().port())) {
            TestReceiver a = replica("a", "a", "./guarded.sh", "2s", "requeue", network.through(url),
                    java.time.Clock.systemUTC());
            TestReceiver b = replica("b", "./guarded.sh", "2s", "requeue");
            assertThat(result(a.post("app", push(commit(1)), "d-1"))).isEqualTo("accepted");
            TestReceiver.await(() -> Files.exists(dir.resolve("once")));
            // a's renewals now get no answer, and no error either, as behind a dead router.
            network.cut();
            TestReceiver.await(() -> statesOf(b).equals(List.of("INTERRUPTED by LEASE", "SUCCESS")));
            assertThat(Files.readAllLines(dir.resolve("runs.txt"))).containsExactly("start d-1", "start d-1", "end d-1");
            network.restore();
            TestReceiver.await(() -> sink.received().size() == 2);
            assertThat(statuses()).containsExactlyInAnyOrder("INTERRUPTED", "SUCCESS");
            // Back on the network, a records nothing of the run b took over.
            TestReceiver.await(() -> {
                try {
                    return a.get("/healthz").statusCode() == 200;
                } catch (Exception e) {
                    return false;
                }
            });
            assertThat(statesOf(a)).containsExactly("INTERRUPTED by LEASE", "SUCCESS");
            assertThat(callbackIds()).hasSize(2).doesNotHaveDuplicates();
        }
    }

    /** Ends the backend of the replica's heartbeat connection on the server, as a database restart or a proxy would. */
    private int terminateHeartbeatBackend() throws java.sql.SQLException {
        try (java.sql.Connection c = PG.server().connectUrl(url); java.sql.Statement s = c.createStatement();
                java.sql.ResultSet rs = s.executeQuery("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
                        + " WHERE datname = current_database() AND query LIKE 'WITH me AS (UPDATE replicas%'")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /** The lease of the hook's running run, on the server's clock (epoch ms), or 0 while none runs. */
    private long runLeaseUntil() {
        try (java.sql.Connection c = PG.server().connectUrl(url); java.sql.Statement s = c.createStatement();
                java.sql.ResultSet rs = s.executeQuery("SELECT coalesce(max(lease_until), 0) FROM runs"
                        + " WHERE state = 'running'")) {
            rs.next();
            return rs.getLong(1);
        } catch (java.sql.SQLException e) {
            return 0;
        }
    }

    @Test
    void oneFailedHeartbeatOnAHealthyDatabaseLetsTheRunningDeployFinish() throws Exception {
        TestReceiver.script(dir, "deploy.sh", "touch started\nsleep 4\necho done > finished");
        TestReceiver a = replica("a", "./deploy.sh", "2s", "requeue");
        assertThat(result(a.post("app", push(commit(1)), "d-1"))).isEqualTo("accepted");
        TestReceiver.await(() -> Files.exists(dir.resolve("started")));
        // Once a heartbeat renewed the run after its start, the run's deadline is that renewal's, not its claim's.
        long claimed = runLeaseUntil();
        TestReceiver.await(() -> runLeaseUntil() > claimed);
        // The next renew fails on its dead connection; the run lasts three times the local deadline after it.
        TestReceiver.await(() -> {
            try {
                return terminateHeartbeatBackend() == 1;
            } catch (java.sql.SQLException e) {
                return false;
            }
        });
        TestReceiver.await(() -> idle(a));
        assertThat(statesOf(a)).containsExactly("SUCCESS");
        assertThat(Files.exists(dir.resolve("finished"))).isTrue();
        TestReceiver.await(() -> sink.received().size() == 1);
        assertThat(statuses()).containsExactly("SUCCESS");
    }

    @Test
    void aReplicaWhoseIdAnotherProcessTookAnswersHealthz503WithTheReason() throws Exception {
        TestReceiver.script(dir, "quick.sh", "true");
        TestReceiver a = replica("a", "./quick.sh", "2s", "requeue");
        assertThat(a.get("/healthz").statusCode()).isEqualTo(200);
        // As a second process with the same replicaId would, once a's lease had run out while it could not renew.
        try (java.sql.Connection c = PG.server().connectUrl(url); java.sql.Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE replicas SET instance = 'another-process', lease_until = lease_until + 3600000"
                    + " WHERE id = 'a'");
        }
        TestReceiver.await(() -> {
            try {
                return a.get("/healthz").statusCode() == 503;
            } catch (Exception e) {
                return false;
            }
        });
        HttpResponse<String> health = a.get("/healthz");
        assertThat(Fixtures.MAPPER.readTree(health.body()).get("reason").asText())
                .contains("replicaId 'a' is held by another receiver");
    }

    @Test
    void aPushToAReplicaCutOffFromTheDatabaseIsAnswered503WithinGitHubsTimeout() throws Exception {
        TestReceiver.script(dir, "quick.sh", "true");
        try (NetworkCut network = NetworkCut.to(PG.server().port())) {
            TestReceiver a = replica("a", "a", "./quick.sh", "30s", "requeue", network.through(url),
                    java.time.Clock.systemUTC());
            assertThat(result(a.post("app", push(commit(1)), "before"))).isEqualTo("accepted");
            TestReceiver.await(() -> idle(a));
            network.cut();
            HttpResponse<String> refused = a.postAsGitHubWaits("app", push(commit(2)), "during-0");
            assertThat(refused.statusCode()).isEqualTo(503);
            assertThat(result(refused)).isEqualTo("unavailable");
            assertThat(refused.headers().firstValue("Retry-After")).isPresent();
            TestReceiver.await(() -> {
                try {
                    return a.get("/healthz", java.time.Duration.ofSeconds(10)).statusCode() == 503;
                } catch (Exception e) {
                    throw new AssertionError("/healthz did not answer within 10 s", e);
                }
            });
            network.restore();
            TestReceiver.await(() -> {
                try {
                    return a.get("/healthz").statusCode() == 200;
                } catch (Exception e) {
                    return false;
                }
            });
            assertThat(result(a.post("app", push(commit(2)), "during-0"))).isEqualTo("accepted");
        }
    }

    @Test
    void aSecondReplicaStartedWithTheReplicaIdOfARunningOneIsRefusedNamingTheKey() throws Exception {
        TestReceiver.script(dir, "quick.sh", "true");
        replica("a", "./quick.sh", "2s", "requeue");
        assertThatThrownBy(() -> replica("a-again", "a", "./quick.sh", "2s", "requeue", url, java.time.Clock.systemUTC()))
                .hasMessageContaining("replicaId: 'a' is the replicaId of a replica that is running")
                .hasMessageNotContaining(PostgresServer.PASSWORD);
    }

    @Test
    void aRunQueuedWhileTheOtherReplicaRanTheHookStartsWhenThatReplicaStopsCleanly() throws Exception {
        TestReceiver.script(dir, "gated.sh", "echo \"start $WEBHOOK_DELIVERY\" >> runs.txt\n"
                + "while [ ! -e go ]; do sleep 0.05; done\necho \"end $WEBHOOK_DELIVERY\" >> runs.txt");
        TestReceiver a = replica("a", "./gated.sh", "30s", "requeue");
        TestReceiver b = replica("b", "./gated.sh", "30s", "requeue");
        assertThat(result(a.post("app", push(commit(1)), "d-1"))).isEqualTo("accepted");
        a.awaitState("app", RunState.RUNNING);
        assertThat(result(b.post("app", push(commit(2)), "d-2"))).isEqualTo("accepted");
        // a stops cleanly: it lets its run end and starts nothing more; b has nothing more to wake it.
        ExecutorService stopping = Executors.newSingleThreadExecutor();
        try {
            Future<?> stop = stopping.submit(() -> {
                a.close();
                return null;
            });
            TestReceiver.await(() -> {
                try {
                    a.get("/healthz", java.time.Duration.ofSeconds(1));
                    return false;
                } catch (Exception refused) {
                    return true;
                }
            });
            Files.createFile(dir.resolve("go"));
            stop.get();
        } finally {
            stopping.shutdown();
        }
        TestReceiver.await(() -> statesOf(b).equals(List.of("SUCCESS", "SUCCESS")));
        assertThat(b.runs("app")).extracting(r -> r.work().delivery()).containsExactly("d-1", "d-2");
    }

    @Test
    void aReplicaWhoseClockIsADayAheadTakesOverNoLiveLeaseAndNoCallback() throws Exception {
        TestReceiver.script(dir, "gated.sh", "echo \"start $WEBHOOK_DELIVERY\" >> runs.txt\n"
                + "while [ ! -e go ]; do sleep 0.05; done\necho \"end $WEBHOOK_DELIVERY\" >> runs.txt");
        TestReceiver a = replica("a", "./gated.sh", "2s", "requeue");
        TestReceiver ahead = replica("b", "b", "./gated.sh", "2s", "requeue", url,
                java.time.Clock.offset(java.time.Clock.systemUTC(), java.time.Duration.ofDays(1)));
        assertThat(result(a.post("app", push(commit(1)), "d-1"))).isEqualTo("accepted");
        a.awaitState("app", RunState.RUNNING);
        // A lease and a quarter: b's takeover looks three times, by its own clock a day past a's lease each time.
        Thread.sleep(2500);
        assertThat(statesOf(ahead)).containsExactly("RUNNING");
        Files.createFile(dir.resolve("go"));
        TestReceiver.await(() -> statesOf(a).equals(List.of("SUCCESS")) && sink.received().size() == 1);
        assertThat(statuses()).containsExactly("SUCCESS");
        assertThat(Files.readAllLines(dir.resolve("runs.txt"))).containsExactly("start d-1", "end d-1");
    }
}
