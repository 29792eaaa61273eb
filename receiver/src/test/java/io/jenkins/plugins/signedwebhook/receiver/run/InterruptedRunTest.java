package io.jenkins.plugins.signedwebhook.receiver.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.signedwebhook.core.outbound.Dispatcher;
import io.jenkins.plugins.signedwebhook.core.outbound.outbox.OutboxDrain;
import io.jenkins.plugins.signedwebhook.receiver.metrics.Metrics;
import io.jenkins.plugins.signedwebhook.receiver.config.ConfigLoader;
import io.jenkins.plugins.signedwebhook.receiver.config.ReceiverConfig;
import io.jenkins.plugins.signedwebhook.receiver.store.Database;
import io.jenkins.plugins.signedwebhook.receiver.store.DeliveryStore;
import io.jenkins.plugins.signedwebhook.receiver.store.Interruption;
import io.jenkins.plugins.signedwebhook.receiver.store.ProcessIdentity;
import io.jenkins.plugins.signedwebhook.receiver.store.RunState;
import io.jenkins.plugins.signedwebhook.receiver.store.RunStore;
import io.jenkins.plugins.signedwebhook.receiver.store.SqliteOutbox;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run's command process is recorded when it starts; the next start ends a command that a dead receiver left running
 * (the same pid with the same start time, its whole session) before the hook's next run, and records whether a crash
 * or a stop interrupted the run.
 */
@EnabledOnOs(OS.LINUX)
@Timeout(60)
class InterruptedRunTest {
    private static final Instant NOW = Instant.parse("2026-12-02T02:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final Path SETSID = CommandRunner.onPath("setsid", System.getenv("PATH")).orElseThrow();
    private static final RunStore.Work WORK = new RunStore.Work("app", "d1", Map.of("WEBHOOK_DELIVERY", "d1"),
            "octo-org/app", "refs/heads/main", "abc");
    private static final RunStore.Work NEWER = new RunStore.Work("app", "d2", Map.of("WEBHOOK_DELIVERY", "d2"),
            "octo-org/app", "refs/heads/main", "def");

    @TempDir
    Path dir;

    private ReceiverConfig config;
    private Database db;
    private RunStore runs;
    private ExecutorService callbackWorkers;
    /** What a receiver that died left running, started here in a session of its own as the receiver starts commands. */
    private Process left;

    @BeforeEach
    void open() throws Exception {
        script("deploy.sh", "echo $$ > pid.txt");
        configure();
        db = Database.open(config.dataDir());
        runs = new RunStore(db);
        callbackWorkers = Executors.newSingleThreadExecutor();
    }

    @AfterEach
    void close() throws Exception {
        if (left != null) {
            left.descendants().forEach(ProcessHandle::destroyForcibly);
            left.destroyForcibly();
        }
        callbackWorkers.shutdownNow();
        db.close();
    }

    private void configure() throws Exception {
        Path file = dir.resolve("receiver.yml");
        Files.writeString(file, """
                listen: 127.0.0.1:0
                dataDir: ./data
                shutdownGrace: 1s
                hooks:
                  - id: app
                    repository: octo-org/app
                    secrets: [{env: APP_HOOK_SECRET}]
                    command: [./deploy.sh]
                    workdir: .
                    onInterrupted: fail
                  - id: other
                    repository: octo-org/other
                    secrets: [{env: APP_HOOK_SECRET}]
                    command: [./other.sh]
                    workdir: .
                """);
        config = new ConfigLoader(Map.of("APP_HOOK_SECRET", "s")::get).load(file);
    }

    private void script(String name, String body) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private HookRunner runner(ExecutorService workers) {
        Metrics metrics = new Metrics();
        Dispatcher dispatcher = Dispatcher.builder().clock(CLOCK).secrets(new CallbackSecrets(config)).build();
        Callbacks callbacks = new Callbacks(new OutboxDrain(new SqliteOutbox(db), dispatcher, callbackWorkers, 1), CLOCK,
                new Random(1), metrics);
        return new HookRunner(config, db, runs, new DeliveryStore(db), new CommandRunner(name -> null, Optional.of(SETSID)),
                callbacks, metrics, workers, CLOCK);
    }

    /** Starts a runner as the receiver does and waits until its worker has run what is queued. */
    private void recoverAndRunQueued() throws Exception {
        ExecutorService workers = Executors.newSingleThreadExecutor();
        try {
            runner(workers).recover();
        } finally {
            workers.shutdown();
            assertThat(workers.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        }
    }

    /** {@code sh -c script} left running by a receiver that died, and its run stored as running with its process. */
    private ProcessIdentity leftRunning(String script) throws Exception {
        left = new ProcessBuilder(SETSID.toString(), "sh", "-c", script).directory(dir.toFile()).start();
        await(() -> Files.exists(dir.resolve("child.pid")));
        ProcessIdentity identity = ProcStat.read(left.pid()).orElseThrow().identity();
        runs.enqueue(WORK, NOW);
        long id = runs.startNext("app", NOW).orElseThrow().id();
        runs.setProcess(id, identity);
        return identity;
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime() - deadline).as("condition met within 20 s").isNegative();
            Thread.sleep(20);
        }
    }

    private long pidIn(String file) throws Exception {
        return Long.parseLong(Files.readString(dir.resolve(file)).trim());
    }

    @Test
    void aRunRecordsTheProcessOfItsCommandWhichIsTheCommandItselfNotSetsid() throws Exception {
        runs.enqueue(WORK, NOW);
        recoverAndRunQueued();
        long pid = pidIn("pid.txt");
        assertThat(runs.find(1).orElseThrow().process()).hasValueSatisfying(
                process -> assertThat(process.pid()).isEqualTo(pid));
    }

    @Test
    void aCommandACrashLeftRunningIsEndedWithItsChildrenAndItsRunSaysACrashInterruptedIt() throws Exception {
        leftRunning("sleep 30 & echo $! > child.pid; wait");
        long child = pidIn("child.pid");

        recoverAndRunQueued();

        assertThat(left.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(ProcStat.read(child).filter(ProcStat::isLive)).isEmpty();
        assertThat(runs.find(1).orElseThrow()).satisfies(run -> {
            assertThat(run.state()).isEqualTo(RunState.INTERRUPTED);
            assertThat(run.interruption()).contains(Interruption.CRASH);
        });
    }

    @Test
    void aQueuedPushRunsOnlyOnceTheLeftCommandHasEndedEvenOneThatIgnoresSigterm() throws Exception {
        // The next run's command notes any process of the old one still alive at the moment it starts.
        script("deploy.sh", """
                for f in leader.pid child.pid; do
                  state=$(cut -d' ' -f3 "/proc/$(cat $f)/stat" 2>/dev/null)
                  case "$state" in ''|Z) ;; *) echo "$f $state" >> overlap.txt ;; esac
                done
                echo ran > next.txt""");
        leftRunning("trap '' TERM; echo $$ > leader.pid; sleep 30 & echo $! > child.pid; wait");
        runs.enqueue(NEWER, NOW);

        recoverAndRunQueued();

        assertThat(dir.resolve("next.txt")).exists();
        assertThat(dir.resolve("overlap.txt")).doesNotExist();
        assertThat(runs.ofHook("app")).extracting(RunStore.Run::state)
                .containsExactly(RunState.INTERRUPTED, RunState.SUCCESS);
    }

    @Test
    void whatACrashLeftRunningInTheSessionOfACommandThatHadEndedIsEndedBeforeTheNextRun() throws Exception {
        // The next run's command notes whether the old command's child is still alive when it starts.
        script("deploy.sh", """
                state=$(cut -d' ' -f3 "/proc/$(cat child.pid)/stat" 2>/dev/null)
                case "$state" in ''|Z) ;; *) echo "child $state" >> overlap.txt ;; esac
                echo ran > next.txt""");
        leftRunning("sleep 30 & echo $! > child.pid; read -r end");
        left.getOutputStream().close();
        assertThat(left.waitFor(20, TimeUnit.SECONDS)).as("the command itself has ended").isTrue();
        long child = pidIn("child.pid");
        runs.enqueue(NEWER, NOW);
        Logger logger = Logger.getLogger(HookRunner.class.getName());
        List<String> logged = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                logged.add(record.getMessage());
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        logger.addHandler(capture);
        try {
            recoverAndRunQueued();
        } finally {
            logger.removeHandler(capture);
        }

        assertThat(ProcStat.read(child).filter(ProcStat::isLive)).isEmpty();
        assertThat(logged).contains("run 1 of app was interrupted by a crash; its command (pid " + left.pid()
                + ") had ended, but its command's session (1 process) was still running and was ended by SIGTERM"
                + " before the hook's next run");
        assertThat(dir.resolve("next.txt")).exists();
        assertThat(dir.resolve("overlap.txt")).doesNotExist();
        assertThat(runs.ofHook("app")).extracting(RunStore.Run::state)
                .containsExactly(RunState.INTERRUPTED, RunState.SUCCESS);
    }

    @Test
    void anotherHookRunsWhileTheCommandLeftForThisOneIsStillBeingEnded() throws Exception {
        script("other.sh", """
                state=$(cut -d' ' -f3 "/proc/$(cat leader.pid)/stat" 2>/dev/null)
                case "$state" in ''|Z) echo ended > other.txt ;; *) echo running > other.txt ;; esac""");
        leftRunning("trap '' TERM; echo $$ > leader.pid; sleep 30 & echo $! > child.pid; wait");
        runs.enqueue(new RunStore.Work("other", "o1", Map.of(), "octo-org/other", "refs/heads/main", "abc"), NOW);

        recoverAndRunQueued();

        assertThat(Files.readString(dir.resolve("other.txt")).trim()).isEqualTo("running");
        assertThat(runs.ofHook("other")).extracting(RunStore.Run::state).containsExactly(RunState.SUCCESS);
    }

    @Test
    void aLivePidWithAnotherStartTimeIsAnotherProcessAndIsNotKilled() throws Exception {
        ProcessIdentity real = leftRunning("sleep 30 & echo $! > child.pid; wait");
        runs.setProcess(1, new ProcessIdentity(real.pid(), real.startTicks() + 1));

        recoverAndRunQueued();

        assertThat(left.isAlive()).isTrue();
        assertThat(runs.find(1).orElseThrow().state()).isEqualTo(RunState.INTERRUPTED);
    }

    @Test
    void aRunCutShortByACleanStopIsRecoveredAsInterruptedByAStop() throws Exception {
        script("deploy.sh", "sleep 30");
        runs.enqueue(WORK, NOW);
        ExecutorService workers = Executors.newSingleThreadExecutor();
        HookRunner stopping = runner(workers);
        stopping.recover();
        await(() -> runs().process().isPresent());

        stopping.stop(Duration.ofMillis(100));
        recoverAndRunQueued();

        assertThat(runs.find(1).orElseThrow()).satisfies(run -> {
            assertThat(run.state()).isEqualTo(RunState.INTERRUPTED);
            assertThat(run.interruption()).contains(Interruption.STOP);
        });
    }

    @Test
    void aRunLeftByAHaltIsRecoveredAsInterruptedByACrash() throws Exception {
        script("deploy.sh", "sleep 30");
        runs.enqueue(WORK, NOW);
        ExecutorService workers = Executors.newSingleThreadExecutor();
        HookRunner crashing = runner(workers);
        crashing.recover();
        await(() -> runs().process().isPresent());

        ProcessIdentity command = runs().process().orElseThrow();

        crashing.halt();
        await(() -> !CommandProcesses.isRunning(command));
        recoverAndRunQueued();

        assertThat(runs.find(1).orElseThrow().interruption()).contains(Interruption.CRASH);
    }

    /** The first run, as stored now. */
    private RunStore.Run runs() {
        try {
            return runs.find(1).orElseThrow();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
