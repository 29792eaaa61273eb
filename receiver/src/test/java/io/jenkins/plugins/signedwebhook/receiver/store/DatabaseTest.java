package io.jenkins.plugins.signedwebhook.receiver.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.signedwebhook.core.inbound.BodyDigest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseTest {
    private static final Instant NOW = Instant.parse("2026-11-25T06:00:00Z");

    @TempDir
    Path dir;

    private static RunStore.Work work(String delivery) {
        return new RunStore.Work("app", delivery, Map.of("WEBHOOK_DELIVERY", delivery), "octo-org/app", "refs/heads/main",
                "abc");
    }

    /** Queues, starts and finishes a run of {@code hook}; its log path is {@code <id>.log}. */
    private static long finishedRun(RunStore runs, String hook, String delivery) throws IOException {
        long id = runs.enqueue(new RunStore.Work(hook, delivery, Map.of(), "octo-org/app", "refs/heads/main", "abc"), NOW);
        runs.startNext(hook, NOW);
        runs.setLogPath(id, id + ".log");
        runs.finish(id, RunState.SUCCESS, 0, NOW);
        return id;
    }

    private void setState(long id, String state) throws Exception {
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("receiver.db"));
                java.sql.Statement s = c.createStatement()) {
            s.execute("UPDATE runs SET state = '" + state + "' WHERE id = " + id);
        }
    }

    @Test
    void aRunsEndIsStoredOnceSoThatARetriedEndDoesNotStoreItsCallbacksAgain() throws Exception {
        try (Database db = Database.open(dir)) {
            RunStore runs = new RunStore(db);
            long id = runs.enqueue(work("d1"), NOW);
            runs.startNext("app", NOW);
            assertThat(runs.finish(id, RunState.FAILURE, 3, NOW)).isTrue();
            assertThat(runs.finish(id, RunState.SUCCESS, 0, NOW.plusSeconds(5))).isFalse();
            assertThat(runs.find(id)).hasValueSatisfying(run -> {
                assertThat(run.state()).isEqualTo(RunState.FAILURE);
                assertThat(run.exitCode()).contains(3);
                assertThat(run.finishedAt()).contains(NOW);
            });
        }
    }

    @Test
    void aPushReplacesItsHooksQueuedRunOnlyAndARunningRunIsNeverReplaced() throws Exception {
        try (Database db = Database.open(dir)) {
            RunStore runs = new RunStore(db);
            long queued = runs.enqueue(work("d1"), NOW);
            long other = runs.enqueue(new RunStore.Work("other", "o1", Map.of(), "octo-org/other", "refs/heads/main",
                    "def"), NOW);
            assertThat(runs.enqueue(work("d2"), NOW.plusSeconds(1))).isEqualTo(queued);
            assertThat(other).isNotEqualTo(queued);
            assertThat(runs.ofHook("app")).singleElement().satisfies(run -> {
                assertThat(run.work().delivery()).isEqualTo("d2");
                assertThat(run.work().variables()).containsEntry("WEBHOOK_DELIVERY", "d2");
                assertThat(run.queuedAt()).isEqualTo(NOW.plusSeconds(1));
            });
            assertThat(runs.ofHook("other")).singleElement().extracting(run -> run.work().delivery()).isEqualTo("o1");

            runs.startNext("app", NOW);
            long next = runs.enqueue(work("d3"), NOW);
            assertThat(next).isNotEqualTo(queued);
            assertThat(runs.ofHook("app")).extracting(run -> run.work().delivery()).containsExactlyInAnyOrder("d2", "d3");
        }
    }

    @Test
    void pruningDeletesTheFinishedRunsBeyondTheNewestAndReturnsTheirLogPaths() throws Exception {
        try (Database db = Database.open(dir)) {
            RunStore runs = new RunStore(db);
            for (int i = 1; i <= 5; i++) {
                finishedRun(runs, "app", "d" + i);
            }
            assertThat(runs.pruneFinished("app", 2)).containsExactlyInAnyOrder("1.log", "2.log", "3.log");
            assertThat(runs.ofHook("app")).extracting(RunStore.Run::id).containsExactly(4L, 5L);
            assertThat(runs.pruneFinished("app", 2)).isEmpty();
        }
    }

    @Test
    void pruningNeverDeletesAQueuedOrRunningRunHoweverOld() throws Exception {
        try (Database db = Database.open(dir)) {
            RunStore runs = new RunStore(db);
            for (int i = 1; i <= 4; i++) {
                finishedRun(runs, "app", "d" + i);
            }
            setState(1, "running");
            setState(2, "queued");
            assertThat(runs.pruneFinished("app", 1)).containsExactly("3.log");
            assertThat(runs.ofHook("app")).extracting(RunStore.Run::state)
                    .containsExactly(RunState.RUNNING, RunState.QUEUED, RunState.SUCCESS);
        }
    }

    @Test
    void pruningOneHookLeavesTheOtherHooksRuns() throws Exception {
        try (Database db = Database.open(dir)) {
            RunStore runs = new RunStore(db);
            finishedRun(runs, "other", "o1");
            finishedRun(runs, "app", "d1");
            finishedRun(runs, "app", "d2");
            assertThat(runs.pruneFinished("app", 1)).containsExactly("2.log");
            assertThat(runs.ofHook("other")).hasSize(1);
        }
    }

    @Test
    void aTransactionsWritesSurviveReopeningTogether() throws Exception {
        try (Database db = Database.open(dir)) {
            RunStore runs = new RunStore(db);
            DeliveryStore deliveries = new DeliveryStore(db);
            for (String id : List.of("d1", "d2")) {
                db.inTransaction(() -> {
                    runs.enqueue(work(id), NOW);
                    deliveries.recordAccepted("app", id, NOW, List.of("app"), null);
                    return null;
                });
            }
        }
        try (Database db = Database.open(dir)) {
            assertThat(new RunStore(db).ofHook("app")).singleElement()
                    .satisfies(run -> assertThat(run.work().delivery()).isEqualTo("d2"));
            assertThat(new DeliveryStore(db).acceptedSince("app", NOW.minusSeconds(1)))
                    .extracting(DeliveryStore.Accepted::id).containsExactly("d1", "d2");
        }
    }

    @Test
    void aFailedTransactionLeavesNeitherWriteAndTheDatabaseUsable() throws Exception {
        try (Database db = Database.open(dir)) {
            RunStore runs = new RunStore(db);
            DeliveryStore deliveries = new DeliveryStore(db);
            assertThatThrownBy(() -> db.inTransaction(() -> {
                runs.enqueue(work("d1"), NOW);
                deliveries.recordAccepted("app", "d1", NOW, List.of("app"), null);
                throw new IOException("disk full");
            })).hasMessage("disk full");
            assertThat(runs.ofHook("app")).isEmpty();
            assertThat(deliveries.acceptedSince("app", NOW.minusSeconds(1))).isEmpty();
            runs.enqueue(work("d2"), NOW);
            assertThat(runs.ofHook("app")).hasSize(1);
        }
    }

    @Test
    void groupedWorkCommitsTogetherAndAFailingWorkIsRolledBackAlone() throws Exception {
        int threads = 8;
        int each = 50;
        try (Database db = Database.open(dir)) {
            DeliveryStore deliveries = new DeliveryStore(db);
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
            java.util.List<java.util.concurrent.Future<String>> results = new java.util.ArrayList<>();
            for (int t = 0; t < threads; t++) {
                for (int i = 0; i < each; i++) {
                    String id = t + "-" + i;
                    results.add(pool.submit(() -> {
                        try {
                            return db.inGroupTransaction(() -> {
                                deliveries.recordAccepted("app", id, NOW, List.of("app"), null);
                                if (id.endsWith("-7")) {
                                    throw new IOException("refused " + id);
                                }
                                return id;
                            });
                        } catch (IOException e) {
                            return e.getMessage();
                        }
                    }));
                }
            }
            pool.shutdown();
            java.util.Set<String> stored = new java.util.HashSet<>();
            for (int t = 0; t < threads; t++) {
                for (int i = 0; i < each; i++) {
                    String id = t + "-" + i;
                    assertThat(results.get(t * each + i).get()).isEqualTo(i == 7 ? "refused " + id : id);
                    if (i != 7) {
                        stored.add(id);
                    }
                }
            }
            assertThat(deliveries.acceptedSince("app", NOW.minusSeconds(1))).extracting(DeliveryStore.Accepted::id)
                    .containsExactlyInAnyOrderElementsOf(stored);
        }
    }

    private static void awaitTrue(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 10 s");
            }
            Thread.sleep(5);
        }
    }

    @Test
    void closingCommitsTheWorkAlreadyQueuedThenRefusesNewWork() throws Exception {
        Database db = Database.open(dir);
        DeliveryStore deliveries = new DeliveryStore(db);
        java.util.concurrent.CountDownLatch writing = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch goOn = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(3);
        try {
            java.util.concurrent.Future<String> first = pool.submit(() -> db.inGroupTransaction(() -> {
                writing.countDown();
                try {
                    goOn.await();
                } catch (InterruptedException e) {
                    throw new IOException(e);
                }
                deliveries.recordAccepted("app", "d1", NOW, List.of("app"), null);
                return "d1";
            }));
            writing.await();
            // The writer is busy with d1: d2 waits in the queue for its next transaction.
            java.util.concurrent.Future<String> second = pool.submit(() -> db.inGroupTransaction(() -> {
                deliveries.recordAccepted("app", "d2", NOW, List.of("app"), null);
                return "d2";
            }));
            awaitTrue(() -> db.queued() == 1);
            java.util.concurrent.Future<?> closed = pool.submit(() -> {
                db.close();
                return null;
            });
            awaitTrue(db::closing);
            goOn.countDown();
            closed.get(10, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(first.get(10, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo("d1");
            assertThat(second.get(10, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo("d2");
            assertThatThrownBy(() -> db.inGroupTransaction(() -> "d3")).isInstanceOf(IOException.class)
                    .hasMessage("the receiver's database is closed");
        } finally {
            goOn.countDown();
            pool.shutdownNow();
        }
        try (Database reopened = Database.open(dir)) {
            assertThat(new DeliveryStore(reopened).acceptedSince("app", NOW.minusSeconds(1)))
                    .extracting(DeliveryStore.Accepted::id).containsExactlyInAnyOrder("d1", "d2");
        }
    }

    @Test
    void theLogIsCopiedIntoTheDatabaseFileInTheBackgroundLongBeforeTheInlineLimit() throws Exception {
        Path file = dir.resolve("receiver.db");
        try (Database db = Database.open(dir)) {
            DeliveryStore deliveries = new DeliveryStore(db);
            String started = "x".repeat(1000);
            db.inTransaction(() -> {
                for (int i = 0; i < 2000; i++) {
                    deliveries.recordAccepted("app", "d" + i, NOW, List.of(started), null);
                }
                return null;
            });
            // About 2 MB of log, an eighth of the limit at which a commit would copy it itself.
            assertThat(Files.size(dir.resolve("receiver.db-wal")))
                    .isLessThan(Database.WAL_PAGES_BEFORE_INLINE_CHECKPOINT * 4096L / 4);
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
            while (Files.size(file) < 2_000_000 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(Files.size(file)).as("database file after the background checkpoint").isGreaterThan(2_000_000);
        }
    }

    @Test
    void aWorkThatThrowsAnErrorFailsAloneAndTheWriterGoesOn() throws Exception {
        try (Database db = Database.open(dir)) {
            DeliveryStore deliveries = new DeliveryStore(db);
            assertThatThrownBy(() -> db.inGroupTransaction(() -> {
                deliveries.recordAccepted("app", "d1", NOW, List.of("app"), null);
                throw new StackOverflowError("deep");
            })).isInstanceOf(IOException.class).hasMessage("deep").hasCauseInstanceOf(StackOverflowError.class);

            assertThat(db.inGroupTransaction(() -> {
                deliveries.recordAccepted("app", "d2", NOW, List.of("app"), null);
                return "d2";
            })).isEqualTo("d2");
            assertThat(deliveries.acceptedSince("app", NOW.minusSeconds(1))).extracting(DeliveryStore.Accepted::id)
                    .containsExactly("d2");
        }
    }

    private String pragma(String name) throws Exception {
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("receiver.db"));
                java.sql.Statement s = c.createStatement();
                java.sql.ResultSet rs = s.executeQuery("PRAGMA " + name)) {
            rs.next();
            return rs.getString(1);
        }
    }

    @Test
    void theReplayLookupOfABodyUsesAnIndexSoAcceptingDoesNotScanEveryStoredDelivery() throws Exception {
        try (Database db = Database.open(dir)) {
            db.proveWritable(NOW);
        }
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("receiver.db"));
                java.sql.Statement s = c.createStatement();
                java.sql.ResultSet rs = s.executeQuery("EXPLAIN QUERY PLAN SELECT id FROM deliveries"
                        + " WHERE hook = 'app' AND body_digest = 'ab' AND accepted_at >= 0")) {
            StringBuilder plan = new StringBuilder();
            while (rs.next()) {
                plan.append(rs.getString("detail")).append('\n');
            }
            assertThat(plan.toString()).contains("deliveries_by_body");
        }
    }

    @Test
    void aNewFileGetsTheWholeSchemaInWalMode() throws Exception {
        try (Database db = Database.open(dir)) {
            db.proveWritable(NOW);
        }
        assertThat(pragma("user_version")).isEqualTo(String.valueOf(Database.SCHEMA_VERSION));
        assertThat(pragma("journal_mode")).isEqualTo("wal");
    }

    @Test
    void aFileOfTheFirstVersionIsMigratedAndKeepsItsRows() throws Exception {
        try (Database db = Database.open(dir)) {
            new DeliveryStore(db).recordAccepted("app", "d1", NOW, List.of("app"), null);
        }
        // As the receiver of this morning left it: version 1, no health table, runs without their process columns.
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("receiver.db"));
                java.sql.Statement s = c.createStatement()) {
            s.execute("DROP TABLE health");
            s.execute("DROP INDEX deliveries_by_body");
            s.execute("ALTER TABLE deliveries DROP COLUMN body_digest");
            for (String column : List.of("pid", "pid_start", "interrupted_by")) {
                s.execute("ALTER TABLE runs DROP COLUMN " + column);
            }
            s.execute("PRAGMA user_version=1");
        }

        try (Database db = Database.open(dir)) {
            db.proveWritable(NOW);
            assertThat(new DeliveryStore(db).acceptedSince("app", NOW.minusSeconds(1)))
                    .extracting(DeliveryStore.Accepted::id).containsExactly("d1");
        }
        assertThat(pragma("user_version")).isEqualTo(String.valueOf(Database.SCHEMA_VERSION));
    }

    @Test
    void aFileOfVersionThreeKeepsItsDeliveriesWhichLoadWithoutADigestBesideNewOnesWithOne() throws Exception {
        try (Database db = Database.open(dir)) {
            new DeliveryStore(db).recordAccepted("app", "old", NOW, List.of("app"), null);
        }
        // As the receiver of 2026-12-02 left it: version 3, deliveries without a body digest.
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("receiver.db"));
                java.sql.Statement s = c.createStatement()) {
            s.execute("DROP INDEX deliveries_by_body");
            s.execute("ALTER TABLE deliveries DROP COLUMN body_digest");
            s.execute("PRAGMA user_version=3");
        }
        BodyDigest digest = BodyDigest.of("{\"ref\":\"refs/heads/main\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8));

        try (Database db = Database.open(dir)) {
            DeliveryStore deliveries = new DeliveryStore(db);
            deliveries.recordAccepted("app", "new", NOW.plusSeconds(1), List.of("app"), digest);
            assertThat(deliveries.acceptedSince("app", NOW.minusSeconds(1))).containsExactly(
                    new DeliveryStore.Accepted("old", NOW, List.of("app"), null),
                    new DeliveryStore.Accepted("new", NOW.plusSeconds(1), List.of("app"), digest));
        }
        assertThat(pragma("user_version")).isEqualTo(String.valueOf(Database.SCHEMA_VERSION));
    }

    @Test
    void aFileOfVersionTwoKeepsItsRunningRunWhichThenRecordsItsProcessAndWhatInterruptedIt() throws Exception {
        // As the receiver of 2026-12-01 wrote it: version 2, runs without a process or an interruption.
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("receiver.db"));
                java.sql.Statement s = c.createStatement()) {
            s.execute("CREATE TABLE deliveries (hook TEXT NOT NULL, id TEXT NOT NULL, accepted_at INTEGER NOT NULL,"
                    + " started TEXT NOT NULL, PRIMARY KEY (hook, id))");
            s.execute("CREATE TABLE runs (id INTEGER PRIMARY KEY AUTOINCREMENT, hook TEXT NOT NULL, delivery TEXT NOT NULL,"
                    + " state TEXT NOT NULL, variables TEXT NOT NULL, repository TEXT, ref TEXT, commit_sha TEXT,"
                    + " queued_at INTEGER NOT NULL, started_at INTEGER, finished_at INTEGER, exit_code INTEGER, log_path TEXT)");
            s.execute("CREATE INDEX runs_by_hook_state ON runs (hook, state)");
            s.execute("CREATE TABLE outbox (id TEXT PRIMARY KEY, target TEXT NOT NULL, body TEXT NOT NULL, secret_ref TEXT,"
                    + " created_at INTEGER NOT NULL, attempts INTEGER NOT NULL, next_attempt_at INTEGER NOT NULL,"
                    + " last_error TEXT, stop_reason TEXT)");
            s.execute("CREATE TABLE health (id INTEGER PRIMARY KEY CHECK (id = 1), checked_at INTEGER NOT NULL)");
            s.execute("INSERT INTO runs (hook, delivery, state, variables, queued_at, started_at) VALUES"
                    + " ('app', 'd1', 'running', '{\"WEBHOOK_DELIVERY\":\"d1\"}', 1, 2)");
            s.execute("PRAGMA user_version=2");
        }

        try (Database db = Database.open(dir)) {
            RunStore runs = new RunStore(db);
            assertThat(runs.running()).singleElement().satisfies(run -> {
                assertThat(run.work().delivery()).isEqualTo("d1");
                assertThat(run.process()).isEmpty();
                assertThat(run.interruption()).isEmpty();
            });
            runs.setProcess(1, new ProcessIdentity(4242, 987654));
            runs.markStopped();
            assertThat(runs.find(1)).hasValueSatisfying(run -> {
                assertThat(run.process()).contains(new ProcessIdentity(4242, 987654));
                assertThat(run.interruption()).contains(Interruption.STOP);
            });
        }
        assertThat(pragma("user_version")).isEqualTo(String.valueOf(Database.SCHEMA_VERSION));
    }

    @Test
    void aFileANewerReceiverWroteIsRefusedAndLeftAsItIs() throws Exception {
        try (Database db = Database.open(dir)) {
            db.proveWritable(NOW);
        }
        int newer = Database.SCHEMA_VERSION + 1;
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("receiver.db"));
                java.sql.Statement s = c.createStatement()) {
            s.execute("PRAGMA user_version=" + newer);
        }

        assertThatThrownBy(() -> Database.open(dir)).isInstanceOf(IOException.class)
                .hasMessageStartingWith("dataDir: ").hasMessageContaining("has schema version " + newer)
                .hasMessageContaining("written by a newer receiver");
        assertThat(pragma("user_version")).isEqualTo(String.valueOf(newer));
    }
}
