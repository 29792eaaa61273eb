package io.jenkins.plugins.signedwebhook.receiver.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.signedwebhook.core.event.PushEvent;
import io.jenkins.plugins.signedwebhook.core.inbound.BuildScheduler;
import io.jenkins.plugins.signedwebhook.core.outbound.Dispatcher;
import io.jenkins.plugins.signedwebhook.core.outbound.outbox.OutboxDrain;
import io.jenkins.plugins.signedwebhook.core.outbound.outbox.OutboxRecord;
import io.jenkins.plugins.signedwebhook.receiver.metrics.Metrics;
import io.jenkins.plugins.signedwebhook.receiver.config.ConfigLoader;
import io.jenkins.plugins.signedwebhook.receiver.config.ReceiverConfig;
import io.jenkins.plugins.signedwebhook.receiver.store.Database;
import io.jenkins.plugins.signedwebhook.receiver.store.DeliveryStore;
import io.jenkins.plugins.signedwebhook.receiver.store.RunState;
import io.jenkins.plugins.signedwebhook.receiver.store.RunStore;
import io.jenkins.plugins.signedwebhook.receiver.store.SqliteOutbox;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run's final state and its callbacks are stored in one SQLite transaction: when the callbacks cannot be stored,
 * the run is not left finished without them but stays running, its end kept in memory and stored by a later heal
 * (or, after a restart, recovered as interrupted). After that transaction, the hook's finished runs beyond its
 * {@code keepRuns} lose their row and their log file.
 */
class HookRunnerTest {
    private static final Instant NOW = Instant.parse("2026-11-25T06:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final Map<String, String> ENV = Map.of("APP_HOOK_SECRET", "It's a Secret to Everybody",
            "CALLBACK_SECRET", "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
    private static final RunStore.Work WORK = new RunStore.Work("app", "d1", Map.of("WEBHOOK_DELIVERY", "d1"),
            "octo-org/app", "refs/heads/main", "abc");

    @TempDir
    Path dir;

    private ReceiverConfig config;
    private Database db;
    private RunStore runs;
    private SqliteOutbox outbox;
    private ExecutorService callbackWorkers;
    /** The drain of the runner made last. */
    private OutboxDrain drain;
    /** One source for every runner of a test, so that the callback ids of runs by successive runners differ. */
    private final Random random = new Random(1);

    @BeforeEach
    void open() throws Exception {
        configure("");
        db = Database.open(config.dataDir());
        runs = new RunStore(db);
        outbox = new SqliteOutbox(db);
        callbackWorkers = Executors.newSingleThreadExecutor();
    }

    /** Loads the receiver's configuration with {@code hookKeys} (indented YAML lines) added to the hook. */
    private void configure(String hookKeys) throws Exception {
        configure("[/bin/true]", hookKeys);
    }

    private void configure(String command, String hookKeys) throws Exception {
        Path file = dir.resolve("receiver.yml");
        Files.writeString(file, """
                listen: 127.0.0.1:0
                dataDir: ./data
                callbackAllow: [127.0.0.1]
                hooks:
                  - id: app
                    repository: octo-org/app
                    refs: [main]
                    secrets: [{env: APP_HOOK_SECRET}]
                    command: %s
                    workdir: .
                    onInterrupted: fail
                """.formatted(command) + hookKeys + """
                    callbacks:
                      - url: http://127.0.0.1:9/deploys
                        secret: {env: CALLBACK_SECRET}
                      - url: http://127.0.0.1:9/audit
                """);
        config = new ConfigLoader(ENV::get).load(file);
    }

    @AfterEach
    void close() throws Exception {
        callbackWorkers.shutdownNow();
        db.close();
    }

    /** A runner as the receiver builds one, its callback drain not started so that messages stay in the outbox. */
    private HookRunner runner(ExecutorService workers) {
        Metrics metrics = new Metrics();
        Dispatcher dispatcher = Dispatcher.builder().clock(CLOCK).secrets(new CallbackSecrets(config)).build();
        drain = new OutboxDrain(outbox, dispatcher, callbackWorkers, 1);
        Callbacks callbacks = new Callbacks(drain, CLOCK, random, metrics);
        return new HookRunner(config, db, runs, new DeliveryStore(db), new CommandRunner(name -> null), callbacks, metrics,
                workers, CLOCK);
    }

    /** Starts the runner as the receiver does and waits for its worker to run what is queued, recovered or not. */
    private void recoverAndRunQueued() throws Exception {
        ExecutorService workers = Executors.newSingleThreadExecutor();
        try {
            runner(workers).recover();
        } finally {
            workers.shutdown();
            assertThat(workers.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        }
    }

    /** Another connection to the same file makes every insert into the outbox fail, as a full disk would. */
    private void refuseOutboxInserts() throws Exception {
        sql("CREATE TRIGGER refuse_callbacks BEFORE INSERT ON outbox BEGIN SELECT RAISE(ABORT, 'disk full'); END");
    }

    private void acceptOutboxInserts() throws Exception {
        sql("DROP TRIGGER refuse_callbacks");
    }

    private void sql(String statement) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + config.dataDir().resolve("receiver.db"));
                Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }

    private RunStore.Run onlyRun() throws Exception {
        return runs.ofHook("app").get(0);
    }

    private List<String> pendingBodies() throws Exception {
        return outbox.pending().stream().map(r -> r.message().body()).toList();
    }

    @Test
    void aPushStoredWhileTheReceiverStopsIsScheduledAndLeftQueuedForTheNextStart() throws Exception {
        ExecutorService stopped = Executors.newSingleThreadExecutor();
        stopped.shutdown();
        PushEvent push = new PushEvent("refs/heads/main", "0".repeat(40), "a".repeat(40), false, false, false, null,
                null, new PushEvent.Repository("octo-org/app", null, null, null, "main"), "octocat", "octocat", null, 1,
                Set.of(), true);
        // Stored and committed before the worker pool refused it: answering 503 would ask for a redelivery that
        // is then refused as a duplicate, and a run that does start.
        BuildScheduler.Outcome outcome = runner(stopped).schedule(config.hooks().get(0).subscription(),
                new BuildScheduler.PushDelivery("d9", "push", push));
        assertThat(outcome).isEqualTo(new BuildScheduler.Scheduled("app"));
        assertThat(runs.ofHook("app")).singleElement().satisfies(run -> {
            assertThat(run.work().delivery()).isEqualTo("d9");
            assertThat(run.state()).isEqualTo(RunState.QUEUED);
        });
        recoverAndRunQueued();
        assertThat(runs.ofHook("app")).singleElement().extracting(RunStore.Run::state).isEqualTo(RunState.SUCCESS);
    }

    @Test
    void aFinishedRunIsStoredWithOneCallbackPerTarget() throws Exception {
        runs.enqueue(WORK, NOW);
        recoverAndRunQueued();
        assertThat(onlyRun().state()).isEqualTo(RunState.SUCCESS);
        assertThat(outbox.pending()).extracting(r -> r.message().target().getPath())
                .containsExactlyInAnyOrder("/deploys", "/audit");
        assertThat(pendingBodies()).allSatisfy(body -> assertThat(body).contains("\"status\":\"SUCCESS\""));
    }

    @Test
    void aWallClockSteppedBackDuringARunStillStoresItsEndWithItsCallbacks() throws Exception {
        runs.enqueue(WORK, NOW);
        java.util.concurrent.atomic.AtomicLong calls = new java.util.concurrent.atomic.AtomicLong();
        Clock backwards = new Clock() {
            @Override
            public Instant instant() {
                return NOW.minusSeconds(60 * calls.getAndIncrement());
            }

            @Override
            public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }
        };
        Metrics metrics = new Metrics();
        drain = new OutboxDrain(outbox, Dispatcher.builder().clock(CLOCK).secrets(new CallbackSecrets(config)).build(),
                callbackWorkers, 1);
        ExecutorService workers = Executors.newSingleThreadExecutor();
        HookRunner runner = new HookRunner(config, db, runs, new DeliveryStore(db), new CommandRunner(name -> null),
                new Callbacks(drain, CLOCK, random, metrics), metrics, workers, backwards);
        runner.recover();
        workers.shutdown();
        assertThat(workers.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

        assertThat(onlyRun().state()).isEqualTo(RunState.SUCCESS);
        assertThat(pendingBodies()).hasSize(2).allSatisfy(body -> assertThat(body).contains("\"duration_ms\":0"));
        assertThat(runner.problem()).isEmpty();
    }

    @Test
    void aRunWhoseCallbacksCannotBeStoredStaysRunningForRecovery() throws Exception {
        runs.enqueue(WORK, NOW);
        refuseOutboxInserts();
        recoverAndRunQueued();
        assertThat(onlyRun().state()).isEqualTo(RunState.RUNNING);
        assertThat(onlyRun().finishedAt()).isEmpty();
        assertThat(outbox.pending()).isEmpty();

        acceptOutboxInserts();
        recoverAndRunQueued();
        assertThat(onlyRun().state()).isEqualTo(RunState.INTERRUPTED);
        assertThat(pendingBodies()).hasSize(2)
                .allSatisfy(body -> assertThat(body).contains("\"status\":\"INTERRUPTED\""));
    }

    /** Starts the runner's worker on what is queued and waits until the run's end could not be stored. */
    private HookRunner runUntilItsEndIsNotStored(ExecutorService workers) throws Exception {
        HookRunner runner = runner(workers);
        runner.recover();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (runner.problem().isEmpty()) {
            assertThat(System.nanoTime()).as("the run ended").isLessThan(deadline);
            Thread.sleep(5);
        }
        return runner;
    }

    private void awaitState(long runId, RunState state) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (runs.find(runId).orElseThrow().state() != state) {
            assertThat(System.nanoTime()).as("run %d %s", runId, state).isLessThan(deadline);
            Thread.sleep(5);
        }
    }

    private static BuildScheduler.PushDelivery push(String deliveryId) {
        PushEvent push = new PushEvent("refs/heads/main", "0".repeat(40), "a".repeat(40), false, false, false, null,
                null, new PushEvent.Repository("octo-org/app", null, null, null, "main"), "octocat", "octocat", null, 1,
                Set.of(), true);
        return new BuildScheduler.PushDelivery(deliveryId, "push", push);
    }

    @Test
    void aRunEndThatCouldNotBeStoredIsStoredWithItsCallbacksOnceTheStoreCanBeWrittenWithoutARestart() throws Exception {
        runs.enqueue(WORK, NOW);
        refuseOutboxInserts();
        ExecutorService workers = Executors.newSingleThreadExecutor();
        try {
            HookRunner runner = runUntilItsEndIsNotStored(workers);
            assertThat(runner.problem()).contains("the store cannot be written: the end of run 1 of app is not stored yet");
            runner.heal();
            assertThat(onlyRun().state()).as("still refused").isEqualTo(RunState.RUNNING);

            acceptOutboxInserts();
            runner.heal();
            assertThat(runner.problem()).isEmpty();
            assertThat(onlyRun().state()).isEqualTo(RunState.SUCCESS);
            assertThat(pendingBodies()).hasSize(2).allSatisfy(body -> assertThat(body).contains("\"status\":\"SUCCESS\""));
        } finally {
            workers.shutdown();
            assertThat(workers.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void aPushWhileARunEndIsNotStoredIsRefusedAndLeavesNeitherRunNorDeliveryId() throws Exception {
        runs.enqueue(WORK, NOW);
        refuseOutboxInserts();
        ExecutorService workers = Executors.newSingleThreadExecutor();
        try {
            HookRunner runner = runUntilItsEndIsNotStored(workers);
            assertThatThrownBy(() -> runner.schedule(config.hooks().get(0).subscription(), push("d2")))
                    .hasMessageContaining("the end of run 1 of app is not stored yet");
            assertThat(runs.ofHook("app")).extracting(RunStore.Run::id).containsExactly(1L);
            assertThat(new DeliveryStore(db).acceptedSince("app", NOW.minusSeconds(60))).isEmpty();
        } finally {
            workers.shutdown();
            assertThat(workers.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void aPushOnceTheStoreRecoversStoresTheOwedEndFirstAndIsScheduled() throws Exception {
        runs.enqueue(WORK, NOW);
        refuseOutboxInserts();
        ExecutorService workers = Executors.newSingleThreadExecutor();
        try {
            HookRunner runner = runUntilItsEndIsNotStored(workers);
            acceptOutboxInserts();
            assertThat(runner.schedule(config.hooks().get(0).subscription(), push("d2")))
                    .isEqualTo(new BuildScheduler.Scheduled("app"));
            assertThat(runs.find(1).orElseThrow().state()).isEqualTo(RunState.SUCCESS);
            awaitState(2, RunState.SUCCESS);
        } finally {
            workers.shutdown();
            assertThat(workers.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void aRunQueuedBehindAnEndThatCouldNotBeStoredStartsOnceThatEndIsStored() throws Exception {
        runs.enqueue(WORK, NOW);
        refuseOutboxInserts();
        ExecutorService workers = Executors.newSingleThreadExecutor();
        try {
            HookRunner runner = runUntilItsEndIsNotStored(workers);
            runs.enqueue(new RunStore.Work("app", "d2", Map.of("WEBHOOK_DELIVERY", "d2"), "octo-org/app",
                    "refs/heads/main", "abc"), NOW);
            acceptOutboxInserts();
            runner.heal();
            awaitState(2, RunState.SUCCESS);
            assertThat(runs.find(1).orElseThrow().state()).isEqualTo(RunState.SUCCESS);
        } finally {
            workers.shutdown();
            assertThat(workers.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void aRunWhoseStartCannotBeStoredStartsOnceTheStoreCanBeWritten() throws Exception {
        runs.enqueue(WORK, NOW);
        sql("CREATE TRIGGER refuse_starts BEFORE UPDATE ON runs BEGIN SELECT RAISE(ABORT, 'disk full'); END");
        ExecutorService workers = Executors.newSingleThreadExecutor();
        try {
            HookRunner runner = runner(workers);
            runner.recover();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (db.lastWriteCommitted()) {
                assertThat(System.nanoTime()).as("the start failed").isLessThan(deadline);
                Thread.sleep(5);
            }
            assertThat(onlyRun().state()).isEqualTo(RunState.QUEUED);
            sql("DROP TRIGGER refuse_starts");
            while (onlyRun().state() != RunState.SUCCESS) {
                // As the receiver's poller does every second.
                runner.heal();
                assertThat(System.nanoTime()).as("the run ran").isLessThan(deadline);
                Thread.sleep(5);
            }
        } finally {
            workers.shutdown();
            assertThat(workers.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void callbacksSubmittedInAFinalTransactionThatRollsBackAreWithdrawn() throws Exception {
        runs.enqueue(WORK, NOW);
        // The first target's callback is stored, the second's refused: the whole transaction rolls back.
        sql("CREATE TRIGGER refuse_audit BEFORE INSERT ON outbox WHEN NEW.target LIKE '%/audit'"
                + " BEGIN SELECT RAISE(ABORT, 'disk full'); END");
        recoverAndRunQueued();
        assertThat(onlyRun().state()).isEqualTo(RunState.RUNNING);
        assertThat(outbox.pending()).isEmpty();
        assertThat(drain.awaiting()).as("submissions the drain would wait for forever").isZero();
    }

    @Test
    void recoveryThatCannotStoreTheCallbacksLeavesTheRunRunning() throws Exception {
        runs.enqueue(WORK, NOW);
        runs.startNext("app", NOW);
        refuseOutboxInserts();
        assertThatThrownBy(this::recoverAndRunQueued).hasMessageContaining("disk full");
        assertThat(onlyRun().state()).isEqualTo(RunState.RUNNING);
        assertThat(outbox.pending()).isEmpty();
    }

    @Test
    void aRunRecoveredAsInterruptedIsStoredWithItsCallbacks() throws Exception {
        runs.enqueue(WORK, NOW);
        runs.startNext("app", NOW);
        recoverAndRunQueued();
        assertThat(onlyRun().state()).isEqualTo(RunState.INTERRUPTED);
        assertThat(outbox.pending()).extracting(OutboxRecord::attempts).containsExactly(0, 0);
    }

    /** Queues and runs {@code count} pushes one after another, each finished before the next is queued. */
    private void runOneAfterAnother(int count) throws Exception {
        for (int i = 1; i <= count; i++) {
            runs.enqueue(new RunStore.Work("app", "d" + i, Map.of("WEBHOOK_DELIVERY", "d" + i), "octo-org/app",
                    "refs/heads/main", "abc"), NOW);
            recoverAndRunQueued();
        }
    }

    private Path logOf(long runId) {
        return config.dataDir().resolve("logs").resolve("app").resolve(runId + ".log");
    }

    @Test
    void onlyTheNewestFinishedRunsKeepTheirRowsAndLogFiles() throws Exception {
        configure("    keepRuns: 2\n");
        runOneAfterAnother(4);
        assertThat(runs.ofHook("app")).extracting(RunStore.Run::id).containsExactly(3L, 4L);
        assertThat(runs.ofHook("app")).extracting(RunStore.Run::state).containsOnly(RunState.SUCCESS);
        assertThat(logOf(1)).doesNotExist();
        assertThat(logOf(2)).doesNotExist();
        assertThat(logOf(3)).exists();
        assertThat(logOf(4)).exists();
    }

    @Test
    void aLargerKeepRunsIsEnforcedEveryTenthOfItsRunsSoAtMostATenthMoreAreKept() throws Exception {
        configure("    keepRuns: 20\n");
        ExecutorService workers = Executors.newSingleThreadExecutor();
        try {
            HookRunner runner = runner(workers);
            for (int i = 1; i <= 23; i++) {
                runs.enqueue(new RunStore.Work("app", "d" + i, Map.of("WEBHOOK_DELIVERY", "d" + i), "octo-org/app",
                        "refs/heads/main", "abc"), NOW);
                runner.recover();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (runs.find(i).map(r -> r.state() != RunState.SUCCESS).orElse(true)) {
                    assertThat(System.nanoTime()).as("run %d finished", i).isLessThan(deadline);
                    Thread.sleep(5);
                }
                if (i == 22) {
                    // Pruned after runs 1, 3, ..., 21 (every 20 / 10 = 2 runs): run 22 is one over, within a tenth.
                    assertThat(runs.ofHook("app")).extracting(RunStore.Run::id).hasSize(21).startsWith(2L).endsWith(22L);
                }
            }
        } finally {
            workers.shutdown();
            assertThat(workers.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(runs.ofHook("app")).extracting(RunStore.Run::id).hasSize(20).startsWith(4L).endsWith(23L);
        assertThat(logOf(3)).doesNotExist();
        assertThat(logOf(4)).exists();
    }

    @Test
    void aPrunedRunWhoseLogFileIsAlreadyGoneIsDeletedAllTheSame() throws Exception {
        configure("    keepRuns: 1\n");
        runOneAfterAnother(1);
        Files.delete(logOf(1));
        runOneAfterAnother(1);
        assertThat(runs.ofHook("app")).extracting(RunStore.Run::id).containsExactly(2L);
        assertThat(logOf(2)).exists();
    }

    @Test
    @Timeout(60)
    void aPushQueuedDuringARunSurvivesThatRunsPruningAndRunsNext() throws Exception {
        Path release = dir.resolve("release");
        configure("[/bin/sh, -c, 'while [ ! -e release ]; do sleep 0.01; done']", "    keepRuns: 1\n");
        Files.createFile(release);
        runOneAfterAnother(2);
        Files.delete(release);
        runs.enqueue(new RunStore.Work("app", "d3", Map.of("WEBHOOK_DELIVERY", "d3"), "octo-org/app", "refs/heads/main",
                "abc"), NOW);
        ExecutorService workers = Executors.newSingleThreadExecutor();
        try {
            runner(workers).recover();
            while (runs.find(3).orElseThrow().state() != RunState.RUNNING) {
                Thread.sleep(10);
            }
            runs.enqueue(WORK, NOW);
            Files.createFile(release);
        } finally {
            workers.shutdown();
            assertThat(workers.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(runs.ofHook("app")).singleElement().satisfies(run -> {
            assertThat(run.id()).isEqualTo(4L);
            assertThat(run.work().delivery()).isEqualTo("d1");
            assertThat(run.state()).isEqualTo(RunState.SUCCESS);
        });
        assertThat(logOf(3)).doesNotExist();
        assertThat(logOf(4)).exists();
    }

    @Test
    void withTheDefaultKeepRunsAFewRunsAreAllKept() throws Exception {
        runOneAfterAnother(3);
        assertThat(config.hooks().get(0).keepRuns()).isEqualTo(1000);
        assertThat(runs.ofHook("app")).extracting(RunStore.Run::id).containsExactly(1L, 2L, 3L);
        assertThat(logOf(1)).exists();
        assertThat(logOf(2)).exists();
        assertThat(logOf(3)).exists();
    }

    @Test
    void aPruningFailureDoesNotFailTheRunOrItsCallbacks() throws Exception {
        configure("    keepRuns: 1\n");
        runOneAfterAnother(1);
        sql("CREATE TRIGGER refuse_deletes BEFORE DELETE ON runs BEGIN SELECT RAISE(ABORT, 'disk full'); END");
        int callbacksBefore = outbox.pending().size();
        runOneAfterAnother(1);
        assertThat(runs.ofHook("app")).extracting(RunStore.Run::state).containsExactly(RunState.SUCCESS, RunState.SUCCESS);
        assertThat(outbox.pending()).hasSize(callbacksBefore + 2);
        assertThat(logOf(1)).exists();

        sql("DROP TRIGGER refuse_deletes");
        runOneAfterAnother(1);
        assertThat(runs.ofHook("app")).extracting(RunStore.Run::id).containsExactly(3L);
    }
}
