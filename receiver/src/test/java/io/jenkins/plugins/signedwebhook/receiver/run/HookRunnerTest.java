package io.jenkins.plugins.signedwebhook.receiver.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.signedwebhook.core.outbound.Dispatcher;
import io.jenkins.plugins.signedwebhook.core.outbound.outbox.OutboxDrain;
import io.jenkins.plugins.signedwebhook.core.outbound.outbox.OutboxRecord;
import io.jenkins.plugins.signedwebhook.receiver.Metrics;
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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run's final state and its callbacks are stored in one SQLite transaction: when the callbacks cannot be stored,
 * the run is not left finished without them but stays running, for the next start's recovery to finish it.
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

    @BeforeEach
    void open() throws Exception {
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
                    command: [/bin/true]
                    workdir: .
                    onInterrupted: fail
                    callbacks:
                      - url: http://127.0.0.1:9/deploys
                        secret: {env: CALLBACK_SECRET}
                      - url: http://127.0.0.1:9/audit
                """);
        config = new ConfigLoader(ENV::get).load(file);
        db = Database.open(config.dataDir());
        runs = new RunStore(db);
        outbox = new SqliteOutbox(db);
        callbackWorkers = Executors.newSingleThreadExecutor();
    }

    @AfterEach
    void close() throws Exception {
        callbackWorkers.shutdownNow();
        db.close();
    }

    /** A runner as the receiver builds one, its callback drain not started so that messages stay in the outbox. */
    private HookRunner runner(ExecutorService workers) {
        Metrics metrics = new Metrics();
        Callbacks callbacks = new Callbacks(config, CLOCK, new Random(1), metrics);
        Dispatcher dispatcher = Dispatcher.builder().clock(CLOCK).secrets(callbacks).build();
        callbacks.attach(new OutboxDrain(outbox, dispatcher, callbackWorkers, 1));
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
    void aFinishedRunIsStoredWithOneCallbackPerTarget() throws Exception {
        runs.enqueue(WORK, NOW);
        recoverAndRunQueued();
        assertThat(onlyRun().state()).isEqualTo(RunState.SUCCESS);
        assertThat(outbox.pending()).extracting(r -> r.message().target().getPath())
                .containsExactlyInAnyOrder("/deploys", "/audit");
        assertThat(pendingBodies()).allSatisfy(body -> assertThat(body).contains("\"status\":\"SUCCESS\""));
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
}
