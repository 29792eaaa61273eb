package io.jenkins.plugins.signedwebhook.receiver.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.signedwebhook.core.outbound.Dispatcher;
import io.jenkins.plugins.signedwebhook.core.outbound.outbox.OutboxDrain;
import io.jenkins.plugins.signedwebhook.receiver.config.ConfigLoader;
import io.jenkins.plugins.signedwebhook.receiver.config.ReceiverConfig;
import io.jenkins.plugins.signedwebhook.receiver.metrics.Metrics;
import io.jenkins.plugins.signedwebhook.receiver.store.Database;
import io.jenkins.plugins.signedwebhook.receiver.store.DeliveryStore;
import io.jenkins.plugins.signedwebhook.receiver.store.Interruption;
import io.jenkins.plugins.signedwebhook.receiver.store.PostgresDatabase;
import io.jenkins.plugins.signedwebhook.receiver.store.PostgresServer;
import io.jenkins.plugins.signedwebhook.receiver.store.RunState;
import io.jenkins.plugins.signedwebhook.receiver.store.RunStore;
import io.jenkins.plugins.signedwebhook.receiver.store.SqliteOutbox;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A replica's own deadline on its leases, by its monotonic clock (here a counter the test moves): a run not renewed
 * within the lease less its margin has its command ended and is recorded interrupted, and the replica starts nothing
 * until a heartbeat renews its lease.
 */
class LeaseDeadlineTest {
    @RegisterExtension
    static final PostgresDatabase PG = new PostgresDatabase();
    private static final Duration LEASE = Duration.ofSeconds(30);
    private static final Map<String, String> ENV = Map.of("APP_HOOK_SECRET", "It's a Secret to Everybody");

    @TempDir
    Path dir;

    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    /** Set, the next read of the monotonic clock throws it, as any unexpected Error in a scheduled task would. */
    private final java.util.concurrent.atomic.AtomicReference<Error> failNextRead = new java.util.concurrent.atomic.AtomicReference<>();
    private Database db;
    private RunStore runs;
    private ExecutorService workers;
    private ExecutorService callbackWorkers;
    private HookRunner runner;

    @BeforeEach
    void start() throws Exception {
        Path file = dir.resolve("receiver.yml");
        // The first run waits; the next ones end at once.
        Files.writeString(dir.resolve("run.sh"), "#!/bin/sh\nif [ ! -e once ]; then touch once; echo $$ > pid; exec sleep 60;"
                + " fi\n");
        dir.resolve("run.sh").toFile().setExecutable(true);
        Files.writeString(file, """
                listen: 127.0.0.1:0
                dataDir: ./data
                shutdownGrace: 5s
                hooks:
                  - id: app
                    repository: octo-org/app
                    secrets: [{env: APP_HOOK_SECRET}]
                    command: [./run.sh]
                    workdir: .
                    onInterrupted: fail
                """);
        ReceiverConfig config = new ConfigLoader(ENV::get).load(file);
        db = Database.openPostgres(PG.url(), PostgresServer.USER, PostgresServer.PASSWORD,
                new Database.Replica("a", LEASE));
        runs = new RunStore(db);
        workers = Executors.newCachedThreadPool();
        callbackWorkers = Executors.newSingleThreadExecutor();
        Metrics metrics = new Metrics();
        Clock clock = Clock.systemUTC();
        Dispatcher dispatcher = Dispatcher.builder().clock(clock).secrets(new CallbackSecrets(config)).build();
        OutboxDrain drain = new OutboxDrain(new SqliteOutbox(db), dispatcher, callbackWorkers, 1);
        runner = new HookRunner(config, db, runs, new DeliveryStore(db), new CommandRunner(ENV::get),
                new Callbacks(drain, clock, new Random(1), metrics), metrics, workers, clock, () -> {
                    Error e = failNextRead.getAndSet(null);
                    if (e != null) {
                        throw e;
                    }
                    return nanos.get();
                });
    }

    @AfterEach
    void stop() throws Exception {
        runner.halt();
        callbackWorkers.shutdownNow();
        db.close();
    }

    private static RunStore.Work work(String delivery) {
        return new RunStore.Work("app", delivery, Map.of("WEBHOOK_DELIVERY", delivery), "octo-org/app",
                "refs/heads/main", "c-" + delivery);
    }

    private List<String> states() throws Exception {
        return runs.ofHook("app").stream().map(r -> r.state() + r.interruption().map(i -> " by " + i).orElse(""))
                .toList();
    }

    @Test
    void aRunNotRenewedWithinTheLeaseLessItsMarginIsEndedAndNothingStartsUntilARenewal() throws Exception {
        runs.enqueue(work("d1"), Clock.systemUTC().instant());
        runner.recover();
        runner.heal();
        // Never renewed yet: nothing starts.
        assertThat(states()).containsExactly("QUEUED");

        runner.heartbeat();
        runner.heal();
        await(() -> Files.exists(dir.resolve("pid")));
        long pid = Long.parseLong(Files.readString(dir.resolve("pid")).trim());
        long limit = LEASE.minus(LEASE.dividedBy(3)).toNanos();

        nanos.addAndGet(limit - 1);
        runner.enforceLeases();
        assertThat(ProcessHandle.of(pid)).hasValueSatisfying(p -> assertThat(p.isAlive()).isTrue());
        assertThat(states()).containsExactly("RUNNING");

        nanos.addAndGet(1);
        runner.enforceLeases();
        await(() -> ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true));
        await(() -> {
            try {
                return states().equals(List.of("INTERRUPTED by " + Interruption.LEASE));
            } catch (Exception e) {
                return false;
            }
        });

        // Its lease stale, the replica starts nothing queued, here or elsewhere.
        runs.enqueue(work("d2"), Clock.systemUTC().instant());
        runner.heal();
        assertThat(states()).containsExactly("INTERRUPTED by LEASE", "QUEUED");

        runner.heartbeat();
        runner.heal();
        await(() -> {
            try {
                return states().equals(List.of("INTERRUPTED by LEASE", RunState.SUCCESS.name()));
            } catch (Exception e) {
                return false;
            }
        });
    }

    @Test
    void anErrorInTheHeartbeatOrTheWatchdogIsLoggedAndTheirNextRoundsStillHoldTheLease() throws Exception {
        runs.enqueue(work("d1"), Clock.systemUTC().instant());
        runner.recover();
        runner.heartbeat();
        runner.heal();
        await(() -> Files.exists(dir.resolve("pid")));
        long pid = Long.parseLong(Files.readString(dir.resolve("pid")).trim());

        // A scheduled task that throws is never run again: neither may throw, whatever fails inside them.
        failNextRead.set(new StackOverflowError("test"));
        runner.heartbeat();
        failNextRead.set(new StackOverflowError("test"));
        runner.enforceLeases();

        nanos.addAndGet(LEASE.minus(LEASE.dividedBy(3)).toNanos());
        runner.enforceLeases();
        await(() -> ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true));
        await(() -> {
            try {
                return states().equals(List.of("INTERRUPTED by " + Interruption.LEASE));
            } catch (Exception e) {
                return false;
            }
        });
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited 20 s for a condition").isLessThan(deadline);
            Thread.sleep(20);
        }
    }
}
