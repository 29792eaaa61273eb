package io.jenkins.plugins.signedwebhook.receiver.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.signedwebhook.core.inbound.BodyDigest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The stores on a real PostgreSQL server, as two replicas share it. */
class PostgresStoreTest {
    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    private static final Duration LEASE = Duration.ofSeconds(30);
    private static final BodyDigest IMPORTED_BODY = BodyDigest.of("{\"ref\":\"refs/heads/main\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    @org.junit.jupiter.api.extension.RegisterExtension
    static final PostgresDatabase PG = new PostgresDatabase();
    private String url;

    @BeforeEach
    void newDatabase() throws Exception {
        url = PG.url();
    }

    private Database open(String replica) throws Exception {
        return open(replica, LEASE);
    }

    private Database open(String replica, Duration lease) throws Exception {
        return Database.openPostgres(url, PostgresServer.USER, PostgresServer.PASSWORD,
                new Database.Replica(replica, lease));
    }

    private static RunStore.Work work(String hook, String delivery, String commit) {
        return new RunStore.Work(hook, delivery, Map.of("WEBHOOK_DELIVERY", delivery), "octo-org/app", "refs/heads/main",
                commit);
    }

    @Test
    void replicasStartingAtOnceOnAnEmptyDatabaseMakeOneSchema() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Database>> opened = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                String replica = "r" + i;
                opened.add(pool.submit(() -> open(replica)));
            }
            for (Future<Database> f : opened) {
                f.get().close();
            }
        } finally {
            pool.shutdown();
        }
        try (Connection c = PG.server().connectUrl(url); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*), max(version) FROM schema_version")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(1);
            assertThat(rs.getInt(2)).isEqualTo(Database.PG_SCHEMA_VERSION);
        }
    }

    @Test
    void aSchemaWrittenByANewerReceiverIsRefused() throws Exception {
        open("a").close();
        try (Connection c = PG.server().connectUrl(url); Statement s = c.createStatement()) {
            s.execute("UPDATE schema_version SET version = " + (Database.PG_SCHEMA_VERSION + 1));
        }
        assertThatThrownBy(() -> open("a")).hasMessageContaining("written by a newer receiver")
                .hasMessageNotContaining(PostgresServer.PASSWORD);
    }

    @Test
    void aWrongPasswordIsReportedWithoutThePassword() {
        assertThatThrownBy(() -> Database.openPostgres(url, PostgresServer.USER, "not-" + PostgresServer.PASSWORD,
                new Database.Replica("a", LEASE)))
                .hasMessageStartingWith("store.postgres: cannot open")
                .hasMessageNotContaining(PostgresServer.PASSWORD);
    }

    @Test
    void aDeliveryIdIsAcceptedByOneReplicaAndADuplicateForTheOther() throws Exception {
        try (Database a = open("a"); Database b = open("b")) {
            Optional<DeliveryStore.Accepted> first = a.inTransaction(
                    () -> new DeliveryStore(a).recordAccepted("app", "d1", NOW, List.of("app"), null));
            Optional<DeliveryStore.Accepted> second = b.inTransaction(
                    () -> new DeliveryStore(b).recordAccepted("app", "d1", NOW.plusSeconds(1), List.of("app"), null));
            assertThat(first).isEmpty();
            assertThat(second).hasValueSatisfying(held -> {
                assertThat(held.at()).isEqualTo(NOW);
                assertThat(held.started()).containsExactly("app");
            });
        }
    }

    @Test
    void aBodyAcceptedByOneReplicaIsAReplayForTheOtherUnderANewIdNamingTheFirstId() throws Exception {
        try (Database a = open("a"); Database b = open("b")) {
            assertThat(a.inTransaction(() -> new DeliveryStore(a).recordAccepted("app", "d1", NOW, List.of("app"),
                    IMPORTED_BODY))).isEmpty();
            Optional<DeliveryStore.Accepted> replay = b.inTransaction(() -> new DeliveryStore(b).recordAccepted("app",
                    "d2", NOW.plusSeconds(1), List.of("app"), IMPORTED_BODY));
            assertThat(replay).hasValueSatisfying(held -> {
                assertThat(held.id()).isEqualTo("d1");
                assertThat(held.at()).isEqualTo(NOW);
            });
            // Another hook, or the body after the window, is no replay; the replay itself stored nothing.
            assertThat(b.inTransaction(() -> new DeliveryStore(b).recordAccepted("other", "d2", NOW, List.of("other"),
                    IMPORTED_BODY))).isEmpty();
            assertThat(b.inTransaction(() -> new DeliveryStore(b).recordAccepted("app", "d3",
                    NOW.plus(DeliveryStore.WINDOW).plusSeconds(1), List.of("app"), IMPORTED_BODY))).isEmpty();
            assertThat(new DeliveryStore(a).acceptedSince("app", NOW.minusSeconds(1)))
                    .extracting(DeliveryStore.Accepted::id).containsExactly("d1", "d3");
        }
    }

    @Test
    void theRefsOfOneDeliveryShareItsBodyAndAreEachAccepted() throws Exception {
        try (Database a = open("a"); Database b = open("b")) {
            assertThat(a.inTransaction(() -> new DeliveryStore(a).recordAccepted("app", "d1\nrefs/heads/main", NOW,
                    List.of("app"), IMPORTED_BODY))).isEmpty();
            assertThat(b.inTransaction(() -> new DeliveryStore(b).recordAccepted("app", "d1\nrefs/heads/dev", NOW,
                    List.of("app"), IMPORTED_BODY))).isEmpty();
            assertThat(b.inTransaction(() -> new DeliveryStore(b).recordAccepted("app", "d9\nrefs/heads/dev", NOW,
                    List.of("app"), IMPORTED_BODY))).hasValueSatisfying(held ->
                    assertThat(held.id()).startsWith("d1\n"));
        }
    }

    @Test
    void oneBodySentToBothReplicasAtOnceUnderTwoIdsIsAcceptedOnce() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try (Database a = open("a"); Database b = open("b")) {
            for (int round = 0; round < 10; round++) {
                BodyDigest body = BodyDigest.of(("{\"round\":" + round + "}").getBytes(java.nio.charset.StandardCharsets.UTF_8));
                String id = "r" + round;
                Future<Optional<DeliveryStore.Accepted>> onA = pool.submit(() -> a.inTransaction(
                        () -> new DeliveryStore(a).recordAccepted("app", id + "-a", NOW, List.of("app"), body)));
                Future<Optional<DeliveryStore.Accepted>> onB = pool.submit(() -> b.inTransaction(
                        () -> new DeliveryStore(b).recordAccepted("app", id + "-b", NOW, List.of("app"), body)));
                assertThat(List.of(onA.get(), onB.get())).filteredOn(Optional::isEmpty).hasSize(1);
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void pushesQueuedOnTwoReplicasCoalesceIntoOneQueuedRunOfTheNewestCommit() throws Exception {
        try (Database a = open("a"); Database b = open("b")) {
            long first = new RunStore(a).enqueue(work("app", "d1", "c1"), NOW);
            long second = new RunStore(b).enqueue(work("app", "d2", "c2"), NOW.plusSeconds(1));
            assertThat(second).isEqualTo(first);
            assertThat(new RunStore(a).ofHook("app")).singleElement()
                    .satisfies(run -> assertThat(run.work().commit()).isEqualTo("c2"));
        }
    }

    @Test
    void onlyOneReplicaStartsTheQueuedRunAndNeitherStartsAnotherWhileItRuns() throws Exception {
        try (Database a = open("a"); Database b = open("b")) {
            RunStore runsA = new RunStore(a);
            RunStore runsB = new RunStore(b);
            runsA.enqueue(work("app", "d1", "c1"), NOW);
            ExecutorService pool = Executors.newFixedThreadPool(2);
            List<Optional<RunStore.Run>> started = new ArrayList<>();
            try {
                Callable<Optional<RunStore.Run>> startA = () -> runsA.startNext("app", NOW);
                Callable<Optional<RunStore.Run>> startB = () -> runsB.startNext("app", NOW);
                for (Future<Optional<RunStore.Run>> f : pool.invokeAll(List.of(startA, startB))) {
                    started.add(f.get());
                }
            } finally {
                pool.shutdown();
            }
            assertThat(started.stream().filter(Optional::isPresent)).hasSize(1);
            runsB.enqueue(work("app", "d2", "c2"), NOW);
            assertThat(runsA.startNext("app", NOW)).isEmpty();
            assertThat(runsB.startNext("app", NOW)).isEmpty();
        }
    }

    @Test
    void aRunWhoseLeaseRanOutOnTheServersClockIsFoundByAnotherReplicaAndARenewedOneIsNot() throws Exception {
        Duration lease = Duration.ofSeconds(1);
        try (Database a = open("a", lease); Database b = open("b", lease)) {
            RunStore runsA = new RunStore(a);
            runsA.enqueue(work("app", "d1", "c1"), NOW);
            runsA.enqueue(work("web", "d2", "c1"), NOW);
            long app = runsA.startNext("app", NOW).orElseThrow().id();
            long web = runsA.startNext("web", NOW).orElseThrow().id();
            RunStore runsB = new RunStore(b);
            List<Long> expired = new ArrayList<>();
            waitFor(() -> {
                assertThat(a.renew(Set.of(web), lease).runs()).containsExactly(web);
                expired.clear();
                b.inTransaction(() -> runsB.expiredLeases()).forEach(r -> expired.add(r.id()));
                return !expired.isEmpty();
            });
            assertThat(expired).containsExactly(app);
            assertThat(runsB.running()).isEmpty();
            assertThat(runsA.running()).extracting(RunStore.Run::id).containsExactly(app, web);
        }
    }

    @Test
    void leasesAndClaimsAreMeasuredByTheServersClockNotTheReplicas() throws Exception {
        // Replicas hand no time of theirs to a lease: one whose clock is a day ahead still sees a's lease and claim held.
        Instant dayAhead = Instant.now().plus(Duration.ofDays(1));
        try (Database a = open("a"); Database b = open("b")) {
            RunStore runsA = new RunStore(a);
            runsA.enqueue(work("app", "d1", "c1"), NOW);
            long id = runsA.startNext("app", NOW).orElseThrow().id();
            var message = new io.jenkins.plugins.signedwebhook.core.outbound.OutboundMessage("msg_1",
                    java.net.URI.create("http://127.0.0.1:1/deploys"), "{}", null, dayAhead);
            new SqliteOutbox(a).add(io.jenkins.plugins.signedwebhook.core.outbound.outbox.OutboxRecord.fresh(message,
                    dayAhead));
            RunStore runsB = new RunStore(b);
            assertThat(b.inTransaction(() -> runsB.expiredLeases())).isEmpty();
            assertThat(runsB.startNext("app", dayAhead)).isEmpty();
            assertThat(new SqliteOutbox(b).pending()).isEmpty();
            try (Connection c = PG.server().connectUrl(url); Statement s = c.createStatement(); ResultSet rs =
                    s.executeQuery("SELECT lease_until - (extract(epoch FROM now()) * 1000)::bigint FROM runs WHERE id = " + id)) {
                rs.next();
                assertThat(rs.getLong(1)).isBetween(0L, LEASE.toMillis());
            }
        }
    }

    @Test
    void aRunEndedByOneReplicaIsNotEndedAgainByAnother() throws Exception {
        try (Database a = open("a"); Database b = open("b")) {
            RunStore runsA = new RunStore(a);
            runsA.enqueue(work("app", "d1", "c1"), NOW);
            long id = runsA.startNext("app", NOW).orElseThrow().id();
            assertThat(new RunStore(b).finish(id, RunState.INTERRUPTED, null, NOW)).isTrue();
            assertThat(runsA.finish(id, RunState.SUCCESS, 0, NOW)).isFalse();
            assertThat(runsA.find(id).orElseThrow().state()).isEqualTo(RunState.INTERRUPTED);
        }
    }

    @Test
    void aCallbackIsSentByTheReplicaThatMadeItUntilItsClaimRunsOut() throws Exception {
        Duration lease = Duration.ofSeconds(1);
        try (Database a = open("a", lease); Database b = open("b", lease)) {
            var message = new io.jenkins.plugins.signedwebhook.core.outbound.OutboundMessage("msg_1",
                    java.net.URI.create("http://127.0.0.1:1/deploys"), "{}", null, NOW);
            new SqliteOutbox(a).add(io.jenkins.plugins.signedwebhook.core.outbound.outbox.OutboxRecord.fresh(message, NOW));
            assertThat(new SqliteOutbox(b).pending()).isEmpty();
            assertThat(new SqliteOutbox(a).pending()).hasSize(1);
            // a stops polling, as a dead replica does: b takes the callback, with its id, once a's claim runs out.
            waitFor(() -> !new SqliteOutbox(b).pending().isEmpty());
            assertThat(new SqliteOutbox(b).pending()).singleElement()
                    .satisfies(r -> assertThat(r.id()).isEqualTo("msg_1"));
            assertThat(new SqliteOutbox(a).pending()).isEmpty();
        }
    }

    @Test
    void pollingTheOutboxRewritesNoClaimThatIsStillGood() throws Exception {
        try (Database a = open("a"); Database b = open("b")) {
            for (String id : List.of("msg_1", "msg_2")) {
                var message = new io.jenkins.plugins.signedwebhook.core.outbound.OutboundMessage(id,
                        java.net.URI.create("http://127.0.0.1:1/deploys"), "{}", null, NOW);
                new SqliteOutbox(a).add(io.jenkins.plugins.signedwebhook.core.outbound.outbox.OutboxRecord.fresh(message,
                        NOW));
            }
            List<String> versions = rowVersions();
            for (int poll = 0; poll < 3; poll++) {
                assertThat(new SqliteOutbox(a).pending()).hasSize(2);
                assertThat(new SqliteOutbox(b).pending()).isEmpty();
            }
            assertThat(rowVersions()).isEqualTo(versions);
        }
    }

    /** Each outbox row's id with the transaction that last wrote it. */
    private List<String> rowVersions() throws Exception {
        List<String> versions = new ArrayList<>();
        try (Connection c = PG.server().connectUrl(url); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT id || ' ' || xmin::text FROM outbox ORDER BY id")) {
            while (rs.next()) {
                versions.add(rs.getString(1));
            }
        }
        return versions;
    }

    @Test
    void aFailedAttemptOfAReplicaThatLostTheCallbackNeitherBringsItBackNorRewritesIt() throws Exception {
        try (Database a = open("a"); Database bLater = open("b")) {
            var first = new io.jenkins.plugins.signedwebhook.core.outbound.OutboundMessage("msg_1",
                    java.net.URI.create("http://127.0.0.1:1/deploys"), "{}", null, NOW);
            var second = new io.jenkins.plugins.signedwebhook.core.outbound.OutboundMessage("msg_2",
                    java.net.URI.create("http://127.0.0.1:1/deploys"), "{}", null, NOW);
            var one = io.jenkins.plugins.signedwebhook.core.outbound.outbox.OutboxRecord.fresh(first, NOW);
            var two = io.jenkins.plugins.signedwebhook.core.outbound.outbox.OutboxRecord.fresh(second, NOW);
            new SqliteOutbox(a).add(one);
            new SqliteOutbox(a).add(two);
            // b's claim ran out while it attempted msg_1 and a delivered and removed it; msg_2 is a's again.
            new SqliteOutbox(a).remove("msg_1");
            new SqliteOutbox(bLater).update(one.failedAttempt("HTTP 503", NOW.plusSeconds(60)));
            new SqliteOutbox(bLater).bury(new io.jenkins.plugins.signedwebhook.core.outbound.outbox.DeadLetter(
                    two.failedAttempt("HTTP 410", NOW), io.jenkins.plugins.signedwebhook.core.outbound.StopReason.GONE));
            assertThat(new SqliteOutbox(a).find("msg_1")).isEmpty();
            assertThat(new SqliteOutbox(a).deadLetters()).isEmpty();
            assertThat(new SqliteOutbox(a).find("msg_2")).hasValueSatisfying(r -> assertThat(r.attempts()).isZero());
            // Its owner's own failed attempt is kept.
            new SqliteOutbox(a).update(two.failedAttempt("HTTP 503", NOW.plusSeconds(60)));
            assertThat(new SqliteOutbox(a).find("msg_2")).hasValueSatisfying(r -> assertThat(r.attempts()).isEqualTo(1));
        }
    }

    @Test
    void aBatchTakesItsHooksLocksInSortedOrderSoThatNoOtherReplicaWaitsOnAHookItDoesNotNeedYet() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try (Database a = open("a"); Connection holdsZ = PG.server().connectUrl(url); Connection holdsA = PG.server().connectUrl(url);
                Connection probe = PG.server().connectUrl(url)) {
            holdsZ.setAutoCommit(false);
            holdsA.setAutoCommit(false);
            hookLock(holdsZ, "z");
            hookLock(holdsA, "a");
            DeliveryStore deliveries = new DeliveryStore(a);
            Future<?> z = pool.submit(() -> a.inGroupTransaction("z",
                    () -> deliveries.recordAccepted("z", "d0", NOW, List.of("z"), null)));
            waitFor(() -> waitingLocks(probe) == 1);
            // Queued behind z in arrival order b then a: one batch once z is free.
            Future<?> b = pool.submit(() -> a.inGroupTransaction("b",
                    () -> deliveries.recordAccepted("b", "d1", NOW, List.of("b"), null)));
            waitFor(() -> a.queued() == 1);
            Future<?> onA = pool.submit(() -> a.inGroupTransaction("a",
                    () -> deliveries.recordAccepted("a", "d2", NOW, List.of("a"), null)));
            waitFor(() -> a.queued() == 2);
            holdsZ.commit();
            z.get();
            waitFor(() -> waitingLocks(probe) == 1);
            // The batch waits on a before it takes b: b is free for another replica meanwhile.
            try (Statement s = probe.createStatement(); ResultSet rs = s.executeQuery(
                    "SELECT pg_try_advisory_lock(" + 0x5357_4848 + ", hashtext('b'))")) {
                rs.next();
                assertThat(rs.getBoolean(1)).isTrue();
            }
            try (Statement s = probe.createStatement()) {
                s.execute("SELECT pg_advisory_unlock_all()");
            }
            holdsA.commit();
            b.get();
            onA.get();
            assertThat(deliveries.acceptedSince("a", NOW.minusSeconds(1))).extracting(DeliveryStore.Accepted::id)
                    .containsExactly("d2");
            assertThat(deliveries.acceptedSince("b", NOW.minusSeconds(1))).extracting(DeliveryStore.Accepted::id)
                    .containsExactly("d1");
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void aHookLockHeldByACutOffReplicaIsGivenUpOnAfterTheLockTimeoutAndTheSessionHasItsLimits() throws Exception {
        try (Database a = open("a"); Connection cutOff = PG.server().connectUrl(url)) {
            cutOff.setAutoCommit(false);
            hookLock(cutOff, "app");
            assertThatThrownBy(() -> a.inTransaction(
                    () -> new DeliveryStore(a).recordAccepted("app", "d1", NOW, List.of("app"), null)))
                    .hasMessageContaining("lock timeout");
            cutOff.rollback();
            assertThat(a.inTransaction(() -> new DeliveryStore(a).recordAccepted("app", "d1", NOW, List.of("app"), null)))
                    .isEmpty();
            synchronized (a) {
                try (Statement s = a.connection().createStatement(); ResultSet rs = s.executeQuery(
                        "SELECT current_setting('lock_timeout'), current_setting('idle_in_transaction_session_timeout'),"
                                + " current_setting('statement_timeout')")) {
                    rs.next();
                    assertThat(List.of(rs.getString(1), rs.getString(2), rs.getString(3)))
                            .containsExactly("2s", "3s", "2500ms");
                    assertThat(a.connection().getNetworkTimeout()).isEqualTo(3000);
                }
            }
        }
    }

    @Test
    void aHookWhoseLockTimesOutInAGroupCommitFailsItsOwnWorksOnceAndTheOtherHooksWorksCommit() throws Exception {
        try (Database a = open("a"); Connection cutOff = PG.server().connectUrl(url);
                Connection probe = PG.server().connectUrl(url)) {
            cutOff.setAutoCommit(false);
            hookLock(cutOff, "x");
            DeliveryStore deliveries = new DeliveryStore(a);
            java.util.concurrent.atomic.AtomicInteger xRuns = new java.util.concurrent.atomic.AtomicInteger();
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                java.util.function.Function<String, Future<Optional<DeliveryStore.Accepted>>> push = hook -> pool.submit(
                        () -> a.inGroupTransaction(hook, () -> {
                            if (hook.equals("x")) {
                                xRuns.incrementAndGet();
                            }
                            return deliveries.recordAccepted(hook, hook + "-" + System.nanoTime(), NOW, List.of(hook),
                                    null);
                        }));
                Future<Optional<DeliveryStore.Accepted>> first = push.apply("x");
                // The writer waits on x's lock for the first push: the next three queue as one batch behind it.
                waitFor(() -> waitingLocks(probe) == 1);
                List<Future<Optional<DeliveryStore.Accepted>>> batch = List.of(push.apply("x"), push.apply("x"),
                        push.apply("y"));
                waitFor(() -> a.queued() == 3);
                assertThatThrownBy(first::get).hasMessageContaining("lock timeout");
                assertThatThrownBy(() -> batch.get(0).get()).hasMessageContaining("lock timeout");
                assertThatThrownBy(() -> batch.get(1).get()).hasMessageContaining("lock timeout");
                assertThat(batch.get(2).get()).isEmpty();
            } finally {
                pool.shutdown();
            }
            // The batch waited on x's lock once, for both its works of x: neither was run again alone to wait once more.
            assertThat(xRuns.get()).isEqualTo(1);
            assertThat(deliveries.acceptedSince("y", NOW.minusSeconds(1))).hasSize(1);
            assertThat(deliveries.acceptedSince("x", NOW.minusSeconds(1))).isEmpty();
            cutOff.rollback();
        }
    }

    private static void hookLock(Connection c, String hook) throws Exception {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT pg_advisory_xact_lock(" + 0x5357_4848 + ", hashtext('" + hook + "'))")) {
            rs.next();
        }
    }

    private static int waitingLocks(Connection probe) throws Exception {
        try (Statement s = probe.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private interface Condition {
        boolean holds() throws Exception;
    }

    private static void waitFor(Condition condition) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.holds()) {
            assertThat(System.nanoTime()).as("waited 60 s for a condition").isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    /** A stopped SQLite receiver's file: one delivery id, a finished run, a queued run, a pending and a dead callback. */
    private static java.nio.file.Path sqliteReceiver(java.nio.file.Path dir) throws Exception {
        try (Database sqlite = Database.open(dir)) {
            RunStore runs = new RunStore(sqlite);
            new DeliveryStore(sqlite).recordAccepted("app", "d1", NOW, List.of("app"), IMPORTED_BODY);
            long finished = runs.enqueue(work("app", "d1", "c1"), NOW);
            runs.startNext("app", NOW);
            runs.setLogPath(finished, "logs/app/1.log");
            runs.finish(finished, RunState.SUCCESS, 0, NOW.plusSeconds(1));
            runs.enqueue(work("app", "d2", "c2"), NOW.plusSeconds(2));
            SqliteOutbox outbox = new SqliteOutbox(sqlite);
            var message = new io.jenkins.plugins.signedwebhook.core.outbound.OutboundMessage("msg_1",
                    java.net.URI.create("http://127.0.0.1:1/deploys"), "{}", null, NOW);
            outbox.add(io.jenkins.plugins.signedwebhook.core.outbound.outbox.OutboxRecord.fresh(message, NOW));
            var dead = new io.jenkins.plugins.signedwebhook.core.outbound.OutboundMessage("msg_0",
                    java.net.URI.create("http://127.0.0.1:1/deploys"), "{}", null, NOW);
            outbox.bury(new io.jenkins.plugins.signedwebhook.core.outbound.outbox.DeadLetter(
                    io.jenkins.plugins.signedwebhook.core.outbound.outbox.OutboxRecord.fresh(dead, NOW),
                    io.jenkins.plugins.signedwebhook.core.outbound.StopReason.GONE));
        }
        return dir.resolve("receiver.db");
    }

    @Test
    void importCopiesTheDeliveryIdsRunsAndCallbacksOfAStoppedSqliteReceiver(@org.junit.jupiter.api.io.TempDir
            java.nio.file.Path dir) throws Exception {
        java.nio.file.Path file = sqliteReceiver(dir);
        try (Database a = open("a")) {
            assertThat(SqliteImport.copy(file, a)).isEqualTo(new SqliteImport.Copied(1, 2, 2));
            assertThat(a.inTransaction(() -> new DeliveryStore(a).recordAccepted("app", "d1", NOW, List.of("app"), null)))
                    .hasValueSatisfying(held -> {
                        assertThat(held.at()).isEqualTo(NOW);
                        assertThat(held.bodyDigest()).isEqualTo(IMPORTED_BODY);
                    });
            RunStore runs = new RunStore(a);
            assertThat(runs.ofHook("app")).extracting(r -> r.state() + " " + r.work().commit() + " " + r.logPath().orElse(""))
                    .containsExactly("SUCCESS c1 logs/app/1.log", "QUEUED c2 ");
            assertThat(runs.startNext("app", NOW)).hasValueSatisfying(r -> assertThat(r.work().delivery()).isEqualTo("d2"));
            assertThat(new SqliteOutbox(a).pending()).extracting(r -> r.id()).containsExactly("msg_1");
            assertThat(new SqliteOutbox(a).deadLetters()).extracting(d -> d.record().id()).containsExactly("msg_0");
        }
    }

    @Test
    void importRefusesADatabaseThatAlreadyHoldsRunsAndCopiesNothing(@org.junit.jupiter.api.io.TempDir
            java.nio.file.Path dir) throws Exception {
        java.nio.file.Path file = sqliteReceiver(dir);
        try (Database a = open("a")) {
            new RunStore(a).enqueue(work("web", "x", "c9"), NOW);
            assertThatThrownBy(() -> SqliteImport.copy(file, a)).hasMessageContaining("already holds runs");
            assertThat(new SqliteOutbox(a).pending()).isEmpty();
        }
    }

    @Test
    void importRefusesAFileWithARunStillRunning(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        try (Database sqlite = Database.open(dir)) {
            new RunStore(sqlite).enqueue(work("app", "d1", "c1"), NOW);
            new RunStore(sqlite).startNext("app", NOW);
        }
        try (Database a = open("a")) {
            assertThatThrownBy(() -> SqliteImport.copy(dir.resolve("receiver.db"), a))
                    .hasMessageContaining("1 run(s) still running");
            assertThat(new RunStore(a).ofHook("app")).isEmpty();
        }
    }

    @Test
    void theStoreResumesWhenTheServerComesBackWithoutBeingOpenedAgain() throws Exception {
        try (Database a = open("a")) {
            a.proveWritable(NOW);
            PG.server().stopServer();
            try {
                assertThatThrownBy(() -> a.proveWritable(NOW)).isInstanceOf(java.io.IOException.class)
                        .hasMessageNotContaining(PostgresServer.PASSWORD);
                assertThat(a.lastWriteCommitted()).isFalse();
            } finally {
                PG.server().startServer();
            }
            a.proveWritable(NOW);
            assertThat(a.lastWriteCommitted()).isTrue();
            assertThat(new RunStore(a).enqueue(work("app", "d1", "c1"), NOW)).isPositive();
        }
    }

    @Test
    void aTimeoutGivenInTheUrlWinsOverTheDefault() throws Exception {
        try (Database a = Database.openPostgres(url + "?socketTimeout=7", PostgresServer.USER, PostgresServer.PASSWORD,
                new Database.Replica("a", LEASE))) {
            synchronized (a) {
                assertThat(a.connection().getNetworkTimeout()).isEqualTo(7000);
            }
        }
    }

    @Test
    void aSecondProcessWithTheReplicaIdOfALiveReplicaIsRefusedNamingTheKey() throws Exception {
        Duration lease = Duration.ofSeconds(2);
        ExecutorService beating = Executors.newSingleThreadExecutor();
        try (Database a = open("a", lease)) {
            java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
            Future<?> heartbeat = beating.submit(() -> {
                while (!stop.get()) {
                    a.renew(Set.of(), lease);
                    Thread.sleep(lease.toMillis() / 3);
                }
                return null;
            });
            try {
                assertThatThrownBy(() -> open("a", lease)).hasMessageStartingWith("replicaId: 'a' is the replicaId of a"
                        + " replica that is running");
                assertThat(a.renew(Set.of(), lease).holdsReplicaId()).isTrue();
            } finally {
                stop.set(true);
                heartbeat.get();
            }
        } finally {
            beating.shutdown();
        }
        // Given up by a clean close: taken again at once.
        open("a", lease).close();
    }

    @Test
    void theReplicaIdOfAProcessThatCrashedIsTakenOnceItsLeaseRunsOut() throws Exception {
        Duration lease = Duration.ofSeconds(1);
        Database crashed = open("a", lease);
        crashed.keepReplicaIdOnClose();
        crashed.close();
        try (Database again = open("a", lease)) {
            assertThat(again.renew(Set.of(), lease).holdsReplicaId()).isTrue();
        }
    }

    @Test
    void twoImportsAtOnceWaitForEachOtherUnderTheSchemaLockAndTheSecondIsRefused(@org.junit.jupiter.api.io.TempDir
            java.nio.file.Path dir) throws Exception {
        java.nio.file.Path file = sqliteReceiver(dir);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try (Database a = open("a"); Database b = open("b"); Connection holder = PG.server().connectUrl(url);
                Connection probe = PG.server().connectUrl(url)) {
            holder.setAutoCommit(false);
            // The lock a replica's start takes for its migration: both imports wait on it, then one after the other.
            try (Statement s = holder.createStatement()) {
                s.execute("SELECT pg_advisory_xact_lock(" + 0x5357_4848 + ", 0)");
            }
            List<Future<SqliteImport.Copied>> imports = List.of(pool.submit(() -> SqliteImport.copy(file, a)),
                    pool.submit(() -> SqliteImport.copy(file, b)));
            waitFor(() -> waitingLocks(probe) == 2);
            holder.commit();
            List<String> outcomes = new ArrayList<>();
            for (Future<SqliteImport.Copied> f : imports) {
                try {
                    outcomes.add(f.get().toString());
                } catch (java.util.concurrent.ExecutionException e) {
                    outcomes.add(e.getCause().getMessage());
                }
            }
            assertThat(outcomes).containsExactlyInAnyOrder(new SqliteImport.Copied(1, 2, 2).toString(),
                    "import: the PostgreSQL database already holds runs; import into a database no replica has used yet");
            assertThat(new RunStore(a).ofHook("app")).hasSize(2);
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void aVersionOneSchemaIsBroughtUpToDateAtStartKeepingItsRows() throws Exception {
        try (Connection c = PG.server().connectUrl(url); Statement s = c.createStatement()) {
            // Version 1 as the first receiver with store.postgres made it.
            s.execute("CREATE TABLE schema_version (version INTEGER NOT NULL)");
            s.execute("INSERT INTO schema_version (version) VALUES (1)");
            s.execute("CREATE TABLE deliveries (hook TEXT NOT NULL, id TEXT NOT NULL, accepted_at BIGINT NOT NULL,"
                    + " started TEXT NOT NULL, PRIMARY KEY (hook, id))");
            s.execute("CREATE INDEX deliveries_by_time ON deliveries (accepted_at)");
            s.execute("CREATE TABLE runs (id BIGSERIAL PRIMARY KEY, hook TEXT NOT NULL, delivery TEXT NOT NULL,"
                    + " state TEXT NOT NULL, variables TEXT NOT NULL, repository TEXT, ref TEXT, commit_sha TEXT,"
                    + " queued_at BIGINT NOT NULL, started_at BIGINT, finished_at BIGINT, exit_code INTEGER,"
                    + " log_path TEXT, pid BIGINT, pid_start BIGINT, interrupted_by TEXT, owner TEXT, lease_until BIGINT)");
            s.execute("CREATE INDEX runs_by_hook_state ON runs (hook, state)");
            s.execute("CREATE UNIQUE INDEX runs_one_queued ON runs (hook) WHERE state = 'queued'");
            s.execute("CREATE UNIQUE INDEX runs_one_running ON runs (hook) WHERE state = 'running'");
            s.execute("CREATE TABLE outbox (id TEXT PRIMARY KEY, target TEXT NOT NULL, body TEXT NOT NULL,"
                    + " secret_ref TEXT, created_at BIGINT NOT NULL, attempts INTEGER NOT NULL,"
                    + " next_attempt_at BIGINT NOT NULL, last_error TEXT, stop_reason TEXT, owner TEXT,"
                    + " claimed_until BIGINT)");
            s.execute("CREATE TABLE health (id INTEGER PRIMARY KEY CHECK (id = 1), checked_at BIGINT NOT NULL)");
            s.execute("INSERT INTO deliveries (hook, id, accepted_at, started) VALUES ('app', 'd-old', "
                    + NOW.toEpochMilli() + ", 'app')");
            s.execute("INSERT INTO runs (hook, delivery, state, variables, commit_sha, queued_at) VALUES ('app', 'd-old',"
                    + " 'queued', '{}', 'c1', " + NOW.toEpochMilli() + ")");
        }
        try (Database a = open("a")) {
            assertThat(a.count("SELECT max(version) FROM schema_version")).isEqualTo(Database.PG_SCHEMA_VERSION);
            assertThat(a.count("SELECT count(*) FROM schema_version")).isOne();
            assertThat(a.inTransaction(() -> new DeliveryStore(a).recordAccepted("app", "d-old", NOW, List.of("app"),
                    null))).hasValueSatisfying(held -> assertThat(held.at()).isEqualTo(NOW));
            assertThat(new RunStore(a).startNext("app", NOW)).hasValueSatisfying(
                    run -> assertThat(run.work().commit()).isEqualTo("c1"));
            // Version 2 and 3: a body's digest is kept and looked up.
            assertThat(a.inTransaction(() -> new DeliveryStore(a).recordAccepted("app", "d-new", NOW, List.of("app"),
                    IMPORTED_BODY))).isEmpty();
            assertThat(a.inTransaction(() -> new DeliveryStore(a).recordAccepted("app", "d-replay", NOW, List.of("app"),
                    IMPORTED_BODY))).hasValueSatisfying(held -> assertThat(held.id()).isEqualTo("d-new"));
        }
    }
}
