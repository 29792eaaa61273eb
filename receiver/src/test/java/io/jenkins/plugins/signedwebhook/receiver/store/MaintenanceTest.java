package io.jenkins.plugins.signedwebhook.receiver.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.jenkins.plugins.signedwebhook.core.outbound.Callback;
import io.jenkins.plugins.signedwebhook.core.outbound.CallbackData;
import io.jenkins.plugins.signedwebhook.core.outbound.OutboundMessage;
import io.jenkins.plugins.signedwebhook.core.outbound.StopReason;
import io.jenkins.plugins.signedwebhook.core.outbound.outbox.DeadLetter;
import io.jenkins.plugins.signedwebhook.core.outbound.outbox.OutboxRecord;
import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MaintenanceTest {
    private static final Instant NOW = Instant.parse("2026-11-25T06:00:00Z");
    private static final Duration WINDOW = Duration.ofDays(7);
    private static final Duration DEAD_LETTER_KEEP = Duration.ofDays(30);

    @TempDir
    Path dir;

    private final Logger logger = Logger.getLogger(Maintenance.class.getName());
    private final BlockingQueue<LogRecord> logged = new LinkedBlockingQueue<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            logged.add(record);
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };

    @BeforeEach
    void captureLog() {
        logger.addHandler(capture);
    }

    @AfterEach
    void releaseLog() {
        logger.removeHandler(capture);
    }

    private static Maintenance maintenance(Database db) {
        return new Maintenance(new DeliveryStore(db), new SqliteOutbox(db), Clock.fixed(NOW, ZoneOffset.UTC), WINDOW,
                DEAD_LETTER_KEEP);
    }

    private static OutboundMessage message(long seed, Instant createdAt) {
        Callback callback = Callback.deployFinished(CallbackData.of("app", "SUCCESS").withBuild(seed),
                Clock.fixed(createdAt, ZoneOffset.UTC), new Random(seed));
        return OutboundMessage.of(callback, URI.create("https://ci.example/hooks/deploys"), "app#0");
    }

    private static void accept(Database db, String hook, int count, Instant at) throws Exception {
        DeliveryStore deliveries = new DeliveryStore(db);
        db.inTransaction(() -> {
            for (int i = 0; i < count; i++) {
                deliveries.recordAccepted(hook, hook + "-" + at.toEpochMilli() + "-" + i, at, List.of(hook), null);
            }
            return null;
        });
    }

    private void sql(String statement) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("receiver.db"));
                Statement s = c.createStatement()) {
            s.execute("PRAGMA busy_timeout=5000");
            s.execute(statement);
        }
    }

    @Test
    void deletesDeliveriesOfEveryHookAcceptedBeforeTheWindowAcrossSeveralBatchesAndKeepsRecentOnes() throws Exception {
        try (Database db = Database.open(dir)) {
            accept(db, "app", 1500, NOW.minus(WINDOW).minusMillis(1));
            accept(db, "other", 1000, NOW.minus(Duration.ofDays(30)));
            accept(db, "app", 3, NOW.minus(WINDOW));
            accept(db, "other", 2, NOW.minusSeconds(1));

            assertThat(maintenance(db).pass()).isEqualTo(new Maintenance.Pruned(2500, 0));

            DeliveryStore deliveries = new DeliveryStore(db);
            Instant longAgo = NOW.minus(Duration.ofDays(365));
            assertThat(deliveries.acceptedSince("app", longAgo)).hasSize(3)
                    .allSatisfy(d -> assertThat(d.at()).isEqualTo(NOW.minus(WINDOW)));
            assertThat(deliveries.acceptedSince("other", longAgo)).hasSize(2);
        }
    }

    @Test
    void deletesDeadLettersCreatedBeforeTheirKeepTimeAndKeepsRecentOnesAndEveryPendingMessage() throws Exception {
        try (Database db = Database.open(dir)) {
            SqliteOutbox outbox = new SqliteOutbox(db);
            Instant old = NOW.minus(DEAD_LETTER_KEEP).minusSeconds(1);
            for (int i = 0; i < 1200; i++) {
                OutboxRecord dead = OutboxRecord.fresh(message(i, old), old);
                outbox.bury(new DeadLetter(dead.failedAttempt("HTTP 400", old), StopReason.REJECTED));
            }
            OutboxRecord recentDead = OutboxRecord.fresh(message(5000, NOW.minus(Duration.ofDays(29))), NOW);
            outbox.bury(new DeadLetter(recentDead, StopReason.DEADLINE_EXCEEDED));
            OutboxRecord oldPending = OutboxRecord.fresh(message(5001, NOW.minus(Duration.ofDays(90))), NOW);
            OutboxRecord newPending = OutboxRecord.fresh(message(5002, NOW), NOW);
            outbox.add(oldPending);
            outbox.add(newPending);

            assertThat(maintenance(db).pass()).isEqualTo(new Maintenance.Pruned(0, 1200));

            assertThat(outbox.deadLetters()).extracting(d -> d.record().id()).containsExactly(recentDead.id());
            assertThat(outbox.pending()).extracting(OutboxRecord::id)
                    .containsExactlyInAnyOrder(oldPending.id(), newPending.id());
        }
    }

    @Test
    void logsOneLineForAPassThatDeletedSomethingAndNoneForAPassThatDidNot() throws Exception {
        try (Database db = Database.open(dir)) {
            accept(db, "app", 2, NOW.minus(Duration.ofDays(8)));
            Maintenance maintenance = maintenance(db);

            maintenance.run();
            maintenance.run();

            assertThat(logged).singleElement().satisfies(r -> {
                assertThat(r.getLevel()).isEqualTo(Level.INFO);
                assertThat(r.getMessage())
                        .isEqualTo("pruned 2 deliveries older than 7 days and 0 dead letters older than 30 days");
            });
        }
    }

    @Test
    void aFailingPassIsLoggedAsAWarningAndDoesNotEscapeTheScheduledTask() throws Exception {
        try (Database db = Database.open(dir)) {
            accept(db, "app", 1, NOW.minus(Duration.ofDays(8)));
            sql("CREATE TRIGGER refuse BEFORE DELETE ON deliveries BEGIN SELECT RAISE(ABORT, 'disk full'); END");

            assertThatCode(maintenance(db)::run).doesNotThrowAnyException();

            assertThat(logged).singleElement().satisfies(r -> {
                assertThat(r.getLevel()).isEqualTo(Level.WARNING);
                assertThat(r.getThrown()).isNull();
                assertThat(r.getParameters()).singleElement().asString().contains("deliveries").contains("disk full");
            });
        }
    }

    @Test
    void theScheduledPassRunsAgainAfterAFailureAndThenPrunes() throws Exception {
        try (Database db = Database.open(dir)) {
            accept(db, "app", 1, NOW.minus(Duration.ofDays(8)));
            sql("CREATE TRIGGER refuse BEFORE DELETE ON deliveries BEGIN SELECT RAISE(ABORT, 'disk full'); END");
            ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
            try {
                maintenance(db).schedule(executor, Duration.ofMillis(10));

                assertThat(logged.poll(10, TimeUnit.SECONDS)).extracting(LogRecord::getLevel).isEqualTo(Level.WARNING);
                sql("DROP TRIGGER refuse");
                LogRecord pruned;
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                do {
                    assertThat(System.nanoTime()).as("a successful pass within 20 s").isLessThan(deadline);
                    pruned = logged.poll(10, TimeUnit.SECONDS);
                    assertThat(pruned).as("a pass after the failure").isNotNull();
                } while (pruned.getLevel() == Level.WARNING);
                assertThat(pruned.getMessage()).startsWith("pruned 1 deliveries");
            } finally {
                executor.shutdownNow();
                executor.awaitTermination(10, TimeUnit.SECONDS);
            }
        }
    }
}
