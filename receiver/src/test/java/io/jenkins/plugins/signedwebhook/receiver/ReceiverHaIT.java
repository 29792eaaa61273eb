package io.jenkins.plugins.signedwebhook.receiver;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.signedwebhook.core.testing.Fixtures;
import io.jenkins.plugins.signedwebhook.receiver.store.Database;
import io.jenkins.plugins.signedwebhook.receiver.store.DeliveryStore;
import io.jenkins.plugins.signedwebhook.receiver.store.PostgresDatabase;
import io.jenkins.plugins.signedwebhook.receiver.store.PostgresServer;
import io.jenkins.plugins.signedwebhook.receiver.store.RunStore;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two receiver jars, as users start them, on one real PostgreSQL database. */
class ReceiverHaIT {
    @org.junit.jupiter.api.extension.RegisterExtension
    static final PostgresDatabase PG = new PostgresDatabase();

    @TempDir
    Path dir;

    private String url;
    private CallbackSink sink;
    private final List<Process> processes = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        url = PG.url();
        sink = CallbackSink.answering(204);
    }

    @AfterEach
    void tearDown() {
        processes.forEach(JarProcess::killLeftover);
        sink.close();
    }

    private record Replica(Path config, Path log, int port) {}

    private Replica replica(String id, String command, String onInterrupted) throws IOException {
        Path home = Files.createDirectories(dir.resolve(id));
        int port = JarProcess.freePort();
        Path config = home.resolve("receiver.yml");
        Files.writeString(config, """
                listen: 127.0.0.1:%d
                dataDir: ./data
                replicaId: %s
                shutdownGrace: 5s
                store:
                  postgres: {url: "%s", user: %s, passwordEnv: PG_PASSWORD, lease: 2s}
                callbackAllow: [127.0.0.1]
                hooks:
                  - id: app
                    repository: octo-org/app
                    refs: [main]
                    secrets: [{env: APP_HOOK_SECRET}]
                    command: [%s]
                    workdir: ..
                    env: [PATH]
                    timeout: 30s
                    onInterrupted: %s
                    callbacks:
                      - url: %s
                        secret: {env: CALLBACK_SECRET}
                """.formatted(port, id, url, PostgresServer.USER, command, onInterrupted, sink.url()));
        return new Replica(config, home.resolve("receiver.log"), port);
    }

    private static final Map<String, String> ENV = Map.of("APP_HOOK_SECRET", TestReceiver.SECRET,
            "CALLBACK_SECRET", "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "PG_PASSWORD", PostgresServer.PASSWORD,
            "PATH", "/usr/bin:/bin");

    private Process start(Replica replica) throws IOException {
        Process process = JarProcess.start(replica.config(), ENV, replica.log(), replica.port());
        processes.add(process);
        return process;
    }

    private static String result(HttpResponse<String> answer) throws IOException {
        return Fixtures.MAPPER.readTree(answer.body()).get("result").asText();
    }

    private List<String> states() throws Exception {
        List<String> states = new ArrayList<>();
        try (Connection c = PG.server().connectUrl(url); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT state, coalesce(interrupted_by, '') FROM runs ORDER BY id")) {
            while (rs.next()) {
                states.add(rs.getString(1) + (rs.getString(2).isEmpty() ? "" : " by " + rs.getString(2)));
            }
        }
        return states;
    }

    private boolean outboxEmpty() {
        try (Connection c = PG.server().connectUrl(url); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM outbox")) {
            rs.next();
            return rs.getLong(1) == 0;
        } catch (java.sql.SQLException e) {
            return false;
        }
    }

    private List<String> statesOrEmpty() {
        try {
            return states();
        } catch (Exception e) {
            return List.of();
        }
    }

    /** As {@link TestReceiver#await}, saying what the runs and callbacks were when it fails. */
    private void awaitSaying(java.util.function.BooleanSupplier condition) {
        try {
            TestReceiver.await(condition);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + ": runs " + statesOrEmpty() + ", callbacks " + callbackIds() + " "
                    + statuses(), e);
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

    private static final String FIXTURE_COMMIT = "abca7305bb3692ff5e2a4da5d7ee0cb2ba2eaff0";

    private static byte[] push(String commit) throws IOException {
        String body = new String(Fixtures.github("push-branch.json"), StandardCharsets.UTF_8);
        return body.replace("\"after\": \"" + FIXTURE_COMMIT + "\"", "\"after\": \"" + commit + "\"")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** Never all zeros, which a forge sends for a deleted ref. */
    private static String commit(int n) {
        return String.format("c%039x", n);
    }

    private record RunRow(String state, String delivery, String commit, long finishedAt) {}

    /** The hook's runs in the order they were queued; {@code finishedAt} 0 while unfinished. */
    private List<RunRow> runRows() throws java.sql.SQLException {
        List<RunRow> rows = new ArrayList<>();
        try (Connection c = PG.server().connectUrl(url); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT state, delivery, coalesce(commit_sha, ''), coalesce(finished_at, 0)"
                        + " FROM runs WHERE hook = 'app' ORDER BY id")) {
            while (rs.next()) {
                rows.add(new RunRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4)));
            }
        }
        return rows;
    }

    private boolean idleHaving(String commit) {
        try {
            List<RunRow> rows = runRows();
            return rows.stream().allMatch(r -> r.finishedAt() != 0)
                    && rows.stream().anyMatch(r -> r.commit().equals(commit));
        } catch (java.sql.SQLException e) {
            return false;
        }
    }

    @Test
    void fiveHundredDeliveriesOverTwoJarsAreEachAcceptedOnceAndTheirRunsNeverOverlap() throws Exception {
        TestReceiver.script(dir, "record.sh", "echo \"start $WEBHOOK_COMMIT\" >> runs.txt\nsleep 0.02\n"
                + "echo \"end $WEBHOOK_COMMIT\" >> runs.txt");
        Replica a = replica("a", "./record.sh", "requeue");
        Replica b = replica("b", "./record.sh", "requeue");
        start(a);
        start(b);
        Map<String, java.util.concurrent.atomic.AtomicInteger> accepted = new java.util.concurrent.ConcurrentHashMap<>();
        List<String> others = java.util.Collections.synchronizedList(new ArrayList<>());
        Map<Integer, java.util.concurrent.atomic.AtomicInteger> acceptedBy = new java.util.concurrent.ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> sent = new ArrayList<>();
            for (int i = 0; i < 500; i++) {
                int n = i;
                String id = "delivery-" + (n < 450 ? n : n - 50);
                sent.add(pool.submit(() -> {
                    // The first 50 ids go to both jars, once more each from 450 on, to the jar that did not have it.
                    Replica to = n % 2 == 0 ? a : b;
                    if (n >= 450) {
                        to = (n - 50) % 2 == 0 ? b : a;
                    }
                    HttpResponse<String> answer = JarProcess.post(to.port(), TestReceiver.SECRET, push(commit(n)), id);
                    String result = result(answer);
                    if (result.equals("accepted")) {
                        accepted.computeIfAbsent(id, k -> new java.util.concurrent.atomic.AtomicInteger())
                                .incrementAndGet();
                        acceptedBy.computeIfAbsent(to.port(), k -> new java.util.concurrent.atomic.AtomicInteger())
                                .incrementAndGet();
                    } else if (!result.equals("duplicate")) {
                        others.add(id + ": " + answer.statusCode() + " " + answer.body());
                    }
                    return null;
                }));
            }
            for (Future<?> f : sent) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(others).isEmpty();
        assertThat(accepted).hasSize(450);
        assertThat(accepted.values()).allSatisfy(count -> assertThat(count.get()).isEqualTo(1));
        assertThat(acceptedBy).containsOnlyKeys(a.port(), b.port());

        String newest = commit(1000);
        assertThat(result(JarProcess.post(b.port(), TestReceiver.SECRET, push(newest), "delivery-last")))
                .isEqualTo("accepted");
        awaitSaying(() -> idleHaving(newest));

        // Overlap is read from what the commands wrote: a run's started_at is taken before its claim waits for the
        // database, so it can precede the previous run's finished_at although the commands did not overlap.
        List<String> lines = Files.readAllLines(dir.resolve("runs.txt"));
        for (int i = 0; i < lines.size(); i++) {
            String[] line = lines.get(i).split(" ");
            assertThat(line[0]).as("line %d of %s", i, lines).isEqualTo(i % 2 == 0 ? "start" : "end");
            if (i % 2 == 1) {
                assertThat(line[1]).isEqualTo(lines.get(i - 1).split(" ")[1]);
            }
        }
        assertThat(lines.get(lines.size() - 1)).isEqualTo("end " + newest);
        List<RunRow> runs = runRows();
        assertThat(runs).allSatisfy(r -> assertThat(r.state()).isEqualTo("success"));
        assertThat(runs).hasSize(lines.size() / 2);
        assertThat(runs).extracting(RunRow::delivery).doesNotHaveDuplicates();
        assertThat(runs.get(runs.size() - 1).commit()).isEqualTo(newest);
    }

    @Test
    void twoReplicasStartingAtOnceOnAnEmptyDatabaseMakeOneSchemaAndBothServe() throws Exception {
        TestReceiver.script(dir, "quick.sh", "true");
        Replica a = replica("a", "./quick.sh", "requeue");
        Replica b = replica("b", "./quick.sh", "requeue");
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Process>> started = new ArrayList<>();
            for (Replica r : List.of(a, b)) {
                started.add(pool.submit(() -> start(r)));
            }
            for (Future<Process> f : started) {
                assertThat(f.get().isAlive()).isTrue();
            }
        } finally {
            pool.shutdown();
        }
        try (Connection c = PG.server().connectUrl(url); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM schema_version")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(1);
        }
        byte[] push = Fixtures.github("push-branch.json");
        assertThat(result(JarProcess.post(a.port(), TestReceiver.SECRET, push, "d-1"))).isEqualTo("accepted");
        assertThat(result(JarProcess.post(b.port(), TestReceiver.SECRET, push, "d-1"))).isEqualTo("duplicate");
        assertThat(JarProcess.get(a.port(), "/metrics")).contains("replica=\"a\"");
    }

    @Test
    void importSqliteCopiesAStoppedReceiversStateAndAReplicaGoesOnFromIt() throws Exception {
        TestReceiver.script(dir, "quick.sh", "echo \"ran $WEBHOOK_DELIVERY\" >> runs.txt");
        Path old = Files.createDirectories(dir.resolve("old"));
        try (Database sqlite = Database.open(old)) {
            Instant at = Instant.now();
            new DeliveryStore(sqlite).recordAccepted("app", "d-old", at, List.of("app"), null);
            new RunStore(sqlite).enqueue(new RunStore.Work("app", "d-queued", Map.of("WEBHOOK_DELIVERY", "d-queued"),
                    "octo-org/app", "refs/heads/main", "abc"), at);
        }
        Replica a = replica("a", "./quick.sh", "requeue");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", Path.of("target", "signed-webhook-receiver.jar").toAbsolutePath().toString(), "--config",
                a.config().toString(), "--import-sqlite", old.resolve("receiver.db").toString()).redirectErrorStream(true);
        builder.environment().putAll(ENV);
        Process importing = builder.start();
        processes.add(importing);
        String output = new String(importing.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(importing.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(importing.exitValue()).as(output).isZero();
        assertThat(output).contains("imported 1 delivery id(s), 1 run(s) and 0 callback(s)")
                .doesNotContain(PostgresServer.PASSWORD);

        start(a);
        assertThat(result(JarProcess.post(a.port(), TestReceiver.SECRET, Fixtures.github("push-branch.json"), "d-old")))
                .isEqualTo("duplicate");
        TestReceiver.await(() -> statesOrEmpty().equals(List.of("success")));
        assertThat(Files.readAllLines(dir.resolve("runs.txt"))).containsExactly("ran d-queued");
    }

    @Test
    void killNineOfTheReplicaRunningACommandHasTheOtherInterruptAndRequeueItAfterTheLease() throws Exception {
        TestReceiver.script(dir, "slow.sh", "echo \"start $WEBHOOK_DELIVERY\" >> runs.txt\n"
                + "if [ ! -e once ]; then touch once; sleep 60; fi\necho \"end $WEBHOOK_DELIVERY\" >> runs.txt");
        Replica a = replica("a", "./slow.sh", "requeue");
        Replica b = replica("b", "./slow.sh", "requeue");
        Process pa = start(a);
        start(b);
        assertThat(result(JarProcess.post(a.port(), TestReceiver.SECRET, Fixtures.github("push-branch.json"), "d-1")))
                .isEqualTo("accepted");
        TestReceiver.await(() -> statesOrEmpty().equals(List.of("running")));
        // Killed only once its command has marked the first attempt, so that the re-run is the quick one.
        TestReceiver.await(() -> Files.exists(dir.resolve("once")));
        // kill -9, and the machine's commands with it, as a power loss would.
        List<ProcessHandle> children = pa.descendants().toList();
        pa.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        children.forEach(ProcessHandle::destroyForcibly);

        awaitSaying(() -> statesOrEmpty().equals(List.of("interrupted by lease", "success")) && sink.received().size() == 2);
        // Sent side by side by the callback workers, so in either order.
        assertThat(statuses()).containsExactlyInAnyOrder("INTERRUPTED", "SUCCESS");
        assertThat(callbackIds()).doesNotHaveDuplicates();
        assertThat(Files.readAllLines(dir.resolve("runs.txt"))).containsExactly("start d-1", "start d-1", "end d-1");
        assertThat(Files.readString(b.log())).contains("taken over by this replica")
                .doesNotContain(PostgresServer.PASSWORD);
    }

    @Test
    void postgresStoppedForTenSecondsIsAnswered503ThenBothReplicasResumeAndNothingIsLost() throws Exception {
        TestReceiver.script(dir, "quick.sh", "echo \"ran $WEBHOOK_DELIVERY\" >> runs.txt");
        Replica a = replica("a", "./quick.sh", "requeue");
        Replica b = replica("b", "./quick.sh", "requeue");
        start(a);
        start(b);
        byte[] first = Fixtures.github("push-branch.json");
        assertThat(result(JarProcess.post(a.port(), TestReceiver.SECRET, first, "before"))).isEqualTo("accepted");
        // The push refused during the outage is a later one: the first's body again would be a replay.
        byte[] push = Fixtures.pushedLater(first, 60);
        // Delivered and removed from the outbox: one still stored would be sent again, with its id, after the outage.
        TestReceiver.await(() -> statesOrEmpty().equals(List.of("success")) && sink.received().size() == 1
                && outboxEmpty());

        PG.server().stopServer();
        long stopped = System.nanoTime();
        List<Integer> during = new ArrayList<>();
        try {
            for (Replica r : List.of(a, b)) {
                TestReceiver.await(() -> {
                    try {
                        return JarProcess.get(r.port(), "/healthz").contains("unavailable");
                    } catch (IOException e) {
                        return false;
                    }
                });
                during.add(JarProcess.post(r.port(), TestReceiver.SECRET, push, "during").statusCode());
            }
            // The rest of ten seconds down, as an outage would last.
            long left = TimeUnit.SECONDS.toNanos(10) - (System.nanoTime() - stopped);
            if (left > 0) {
                TimeUnit.NANOSECONDS.sleep(left);
            }
        } finally {
            PG.server().startServer();
        }
        assertThat(during).containsExactly(503, 503);
        for (Replica r : List.of(a, b)) {
            TestReceiver.await(() -> {
                try {
                    return JarProcess.get(r.port(), "/healthz").contains("ok");
                } catch (IOException e) {
                    return false;
                }
            });
        }
        assertThat(result(JarProcess.post(b.port(), TestReceiver.SECRET, push, "during"))).isEqualTo("accepted");
        assertThat(result(JarProcess.post(a.port(), TestReceiver.SECRET, push, "during"))).isEqualTo("duplicate");
        awaitSaying(() -> statesOrEmpty().equals(List.of("success", "success")) && sink.received().size() == 2);
        assertThat(Files.readAllLines(dir.resolve("runs.txt"))).containsExactly("ran before", "ran during");
        assertThat(callbackIds()).doesNotHaveDuplicates();
    }
}
