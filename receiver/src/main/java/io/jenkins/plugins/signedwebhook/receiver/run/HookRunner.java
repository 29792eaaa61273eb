package io.jenkins.plugins.signedwebhook.receiver.run;

import io.jenkins.plugins.signedwebhook.core.event.PushEvent;
import io.jenkins.plugins.signedwebhook.core.event.PushVariables;
import io.jenkins.plugins.signedwebhook.core.inbound.BuildScheduler;
import io.jenkins.plugins.signedwebhook.core.match.Subscription;
import io.jenkins.plugins.signedwebhook.receiver.metrics.Metrics;
import io.jenkins.plugins.signedwebhook.receiver.config.HookConfig;
import io.jenkins.plugins.signedwebhook.receiver.config.ReceiverConfig;
import io.jenkins.plugins.signedwebhook.receiver.store.Database;
import io.jenkins.plugins.signedwebhook.receiver.store.DeliveryStore;
import io.jenkins.plugins.signedwebhook.receiver.store.Interruption;
import io.jenkins.plugins.signedwebhook.receiver.store.ProcessIdentity;
import io.jenkins.plugins.signedwebhook.receiver.store.RunState;
import io.jenkins.plugins.signedwebhook.receiver.store.RunStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * The receiver's {@link BuildScheduler}: a matched push becomes the hook's queued run in SQLite (replacing an older
 * queued one, so later pushes coalesce to the newest), and one worker per hook runs the queued runs one at a time,
 * after the answer has gone out.
 */
public final class HookRunner implements BuildScheduler {
    private static final Logger LOGGER = Logger.getLogger(HookRunner.class.getName());
    private final ReceiverConfig config;
    private final Database db;
    private final RunStore runs;
    private final DeliveryStore deliveries;
    private final CommandRunner commands;
    private final Callbacks callbacks;
    private final Metrics metrics;
    private final ExecutorService workers;
    private final Clock clock;
    private final Map<String, AtomicBoolean> active = new ConcurrentHashMap<>();
    /**
     * Hooks that start no run yet: all until {@link #recover} has looked at what a previous receiver left running, then
     * those whose old command is still being ended (a worker woken for them would find their run still running and
     * wake itself again and again).
     */
    private final Set<String> held = ConcurrentHashMap.newKeySet();
    /** Per hook, runs finished since its last pruning (a hook's runs are finished by one thread at a time). */
    private final Map<String, Integer> unpruned = new ConcurrentHashMap<>();
    private final AtomicInteger running = new AtomicInteger();
    /** Per hook, the end of its run that could not be stored, kept to be stored once the store can be written. */
    private final Map<String, Ended> unstored = new ConcurrentHashMap<>();
    /** Hooks whose runs stopped on a storage error before one started: woken again by {@link #heal}. */
    private final Set<String> stalled = ConcurrentHashMap.newKeySet();
    private final Object healing = new Object();
    /** On a shared store, the runs whose commands run here now, with their process once known. */
    private final Map<Long, Held> current = new ConcurrentHashMap<>();
    /** Runs whose lease this replica lost while their command ran: their end is the replica's that took them over. */
    private final Set<Long> lost = ConcurrentHashMap.newKeySet();
    /** The monotonic clock (System.nanoTime) that this replica's own lease deadlines are measured by. */
    private final LongSupplier nanoTime;
    /** When the last heartbeat that renewed this replica's id was sent ({@link #nanoTime}); valid once renewed is. */
    private volatile long renewedAt;
    private volatile boolean renewed;
    /** Whether the lack of a renewal was logged, so that it is logged once, and its end too. */
    private final AtomicBoolean stale = new AtomicBoolean();
    /** Failed renew attempts since the last one that was answered, so that only the first of a streak is a warning. */
    private final AtomicInteger failingBeats = new AtomicInteger();
    /** Whether a heartbeat found this replica's id held by another process: it is never this one's again. */
    private final AtomicBoolean idLost = new AtomicBoolean();
    private volatile boolean stopping;
    private volatile boolean halted;

    public HookRunner(ReceiverConfig config, Database db, RunStore runs, DeliveryStore deliveries, CommandRunner commands, Callbacks callbacks, Metrics metrics,
            ExecutorService workers, Clock clock) {
        this(config, db, runs, deliveries, commands, callbacks, metrics, workers, clock, System::nanoTime);
    }

    /** @param nanoTime the monotonic clock that the replica's lease deadlines are measured by (System.nanoTime) */
    public HookRunner(ReceiverConfig config, Database db, RunStore runs, DeliveryStore deliveries, CommandRunner commands,
            Callbacks callbacks, Metrics metrics, ExecutorService workers, Clock clock, LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
        this.config = config;
        this.db = db;
        this.runs = runs;
        this.deliveries = deliveries;
        this.commands = commands;
        this.callbacks = callbacks;
        this.metrics = metrics;
        this.workers = workers;
        this.clock = clock;
        config.hooks().forEach(h -> active.put(h.id(), new AtomicBoolean()));
        config.hooks().forEach(h -> held.add(h.id()));
        metrics.gauge("signed_webhook_runs_running", "Commands running now.", running::get);
        metrics.gauge("signed_webhook_runs_unstored", "Runs that ended but whose end is not stored yet (kept in memory,"
                + " stored once the store can be written).", unstored::size);
    }

    /** A run whose command runs here, on a shared store: its process once known, and when its lease was last renewed. */
    private static final class Held {
        final java.util.concurrent.atomic.AtomicReference<Optional<ProcessIdentity>> process =
                new java.util.concurrent.atomic.AtomicReference<>(Optional.empty());
        /** When the statement that last set its lease was sent: the server set the lease no earlier. */
        volatile long renewedAt;

        Held(long renewedAt) {
            this.renewedAt = renewedAt;
        }
    }

    /** How a run ended, as it is stored with its callbacks; {@code logPathStored} false if its start could not note it. */
    private record Ended(HookConfig hook, RunStore.Run run, CommandRunner.Result result, Instant at, Duration took,
            Path logFile, boolean logPathStored) {}

    @Override
    public Outcome schedule(Subscription subscription, PushDelivery delivery) {
        PushEvent push = delivery.push();
        Map<String, String> variables = PushVariables.of(delivery.deliveryId(), delivery.event(), push);
        RunStore.Work work = new RunStore.Work(subscription.id(), delivery.deliveryId(), variables,
                push.repository().fullName(), push.ref(), push.after());
        Instant now = clock.instant();
        if (!unstored.isEmpty()) {
            heal();
            Optional<String> problem = problem();
            if (problem.isPresent()) {
                // Accepting would promise a run the store cannot record: the sender is asked to redeliver instead.
                throw new UncheckedIOException(new IOException(problem.get()));
            }
        }
        try {
            // One transaction for both writes of an accepted delivery: its run and its id with its body's digest, so a
            // redelivery after a restart, or its body under a new id, is refused; committed with the other deliveries being scheduled at the same time. The engine turns this Scheduled into Accepted(List.of(subscription.id())), the
            // started list stored here (one subscription per hook).
            Optional<DeliveryStore.Accepted> held = db.inGroupTransaction(subscription.id(), () -> {
                Optional<DeliveryStore.Accepted> already = deliveries.recordAccepted(subscription.id(),
                        delivery.acceptanceKey(), now, List.of(subscription.id()), delivery.bodyDigest());
                if (already.isEmpty()) {
                    runs.enqueue(work, now);
                }
                return already;
            });
            if (held.isPresent()) {
                // Another replica on the shared store accepted this id or body: its run is queued there, not again here.
                return new AlreadyAccepted(held.get().at(), held.get().started(),
                        PushDelivery.deliveryIdOf(held.get().id()));
            }
        } catch (IOException e) {
            // A store that cannot be written may recover: the engine answers 503 so that the sender redelivers.
            throw new UncheckedIOException("could not queue a run of " + subscription.id(), e);
        }
        wake(subscription.id());
        return new Scheduled(subscription.id());
    }

    /**
     * Ends the commands of the runs a stopped or crashed receiver left running, marks those runs as interrupted (by a
     * crash, unless a clean stop marked them), requeues them where the hook asks, and starts work. A run's row stays
     * {@code running} until its command has ended, so its hook starts nothing before. Each run's new state, callbacks
     * and requeue are one transaction: if it fails, the run stays running for the next start to recover.
     */
    public void recover() throws IOException, InterruptedException {
        List<RunStore.Run> left = runs.running();
        Set<String> leftBy = left.stream().map(run -> run.work().hook()).collect(Collectors.toSet());
        config.hooks().stream().map(HookConfig::id).filter(id -> !leftBy.contains(id)).forEach(this::release);
        Map<Long, LeftCommand> ended = endLeftCommands(left);
        Instant now = clock.instant();
        for (RunStore.Run run : left) {
            LeftCommand command = ended.get(run.id());
            if (command == null) {
                continue;
            }
            Interruption by = run.interruption().orElse(Interruption.CRASH);
            finishing(submitted -> interrupted(run, by, now, submitted));
            LOGGER.info(() -> "run " + run.id() + " of " + run.work().hook() + " was interrupted by " + by.phrase() + "; "
                    + command.said());
            metrics.run(run.work().hook(), "interrupted", 0);
        }
        // A hook whose old command outlived SIGKILL stays held: its pushes are stored and wait for the next start.
        Set<String> stuck = left.stream().filter(run -> !ended.containsKey(run.id())).map(run -> run.work().hook())
                .collect(Collectors.toSet());
        config.hooks().stream().map(HookConfig::id).filter(id -> !stuck.contains(id)).forEach(this::release);
    }

    /**
     * A run's end as interrupted, with its callbacks, and its requeue where the hook asks for one; false if it was not
     * running any more.
     */
    private boolean interrupted(RunStore.Run run, Interruption by, Instant now, List<String> submitted) throws IOException {
        Optional<HookConfig> hook = config.hook(run.work().hook());
        if (!runs.finish(run.id(), RunState.INTERRUPTED, null, now)) {
            // Ended meanwhile by the replica that took it over (or that this one took it from).
            return false;
        }
        runs.setInterruption(run.id(), by);
        if (hook.isPresent()) {
            callbacks.finished(hook.get(), run, RunState.INTERRUPTED, Duration.ZERO, submitted);
            if (hook.get().onInterrupted() == HookConfig.OnInterrupted.REQUEUE && !runs.hasQueued(hook.get().id())) {
                runs.enqueue(run.work(), now);
            }
        }
        return true;
    }

    /**
     * On a shared store, on the heartbeat's own thread every tenth of the lease: renews this replica's id and its
     * leases on its running runs (on the database's clock), and ends the commands of those it no longer holds (another
     * replica took them over). A failed renew is retried at once on a new connection, then every
     * {@link Database.Replica#retryAfter()} until the local deadline. Never throws: a scheduled task that throws is never
     * run again.
     */
    public void heartbeat() {
        try {
            renewUntilDeadline();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Throwable e) {
            LOGGER.log(Level.SEVERE, "the heartbeat failed unexpectedly; it tries again at its next beat", e);
        }
    }

    private void renewUntilDeadline() throws InterruptedException {
        Database.Replica replica = db.replica().orElseThrow();
        long limit = replica.localDeadline().toNanos();
        for (int attempt = 0; ; attempt++) {
            long sent = nanoTime.getAsLong();
            // A run whose end waits to be stored is still this replica's: its lease is kept too.
            Set<Long> mine = new java.util.HashSet<>(current.keySet());
            unstored.values().forEach(end -> mine.add(end.run().id()));
            Database.Renewed held;
            try {
                held = db.renew(mine, replica.heartbeatEvery());
            } catch (IOException | RuntimeException e) {
                int failed = attempt + 1;
                if (failingBeats.getAndIncrement() == 0) {
                    LOGGER.warning(() -> "the heartbeat could not renew this replica's lease (" + e.getMessage() + "):"
                            + " retrying at once on a new connection, then every " + replica.retryAfter().toMillis()
                            + " ms until " + limit / 1_000_000 + " ms after the last renewal");
                } else {
                    LOGGER.fine(() -> "the heartbeat failed again (attempt " + failed + "): " + e.getMessage());
                }
                // Past the deadline the runs are ended anyway: the next beat tries again.
                if (halted || attempt > 0 && (!renewed || nanoTime.getAsLong() - renewedAt >= limit)) {
                    return;
                }
                if (attempt > 0) {
                    Thread.sleep(Math.max(1, replica.retryAfter().toMillis()));
                }
                continue;
            }
            int failures = failingBeats.getAndSet(0);
            if (failures > 0) {
                LOGGER.info(() -> "the heartbeat renewed this replica's lease after " + failures + " failed attempt(s)");
            }
            apply(replica, held, mine, sent);
            return;
        }
    }

    /** What a renew that was answered tells: whether the id is still this process's, and which runs are still its. */
    private void apply(Database.Replica replica, Database.Renewed held, Set<Long> mine, long sent) {
        if (!held.holdsReplicaId()) {
            // Taken by another process while this one could not renew it: this one is the duplicate now.
            if (idLost.compareAndSet(false, true)) {
                LOGGER.log(renewed ? Level.SEVERE : Level.WARNING, () -> "replicaId '" + replica.id() + "' is held by"
                        + " another receiver now (this one " + (renewed ? "could not renew it within its lease" : "took"
                        + " longer than its lease to start") + "): this replica starts no run and /healthz answers 503"
                        + " until it is restarted");
            }
            renewed = false;
            return;
        }
        renewedAt = sent;
        renewed = true;
        if (stale.compareAndSet(true, false)) {
            LOGGER.info("the heartbeat renewed this replica's lease again: it starts runs again");
        }
        for (Long id : mine) {
            Held run = current.get(id);
            if (run == null) {
                continue;
            }
            if (held.runs().contains(id)) {
                run.renewedAt = Math.max(run.renewedAt, sent);
            } else {
                lose(id, run.process.get(), "another replica took it over");
            }
        }
    }

    /**
     * On a shared store, often, on a thread of its own: ends the command of every run whose lease this replica has not
     * renewed within the lease less its margin by its own monotonic clock, before the lease can run out on the
     * database and another replica start the hook's next run, whether or not a renew still waits for an answer. Never
     * throws: a scheduled task that throws is never run again, and no deadline would be kept after it.
     */
    public void enforceLeases() {
        try {
            enforce();
        } catch (Throwable e) {
            LOGGER.log(Level.SEVERE, "the lease watchdog failed unexpectedly; it checks again at its next round", e);
        }
    }

    private void enforce() {
        Database.Replica replica = db.replica().orElseThrow();
        long now = nanoTime.getAsLong();
        long limit = replica.localDeadline().toNanos();
        if (renewed && now - renewedAt >= limit && stale.compareAndSet(false, true)) {
            LOGGER.warning(() -> "this replica's lease was not renewed for " + (now - renewedAt) / 1_000_000 + " ms: it"
                    + " starts and takes over no run until a heartbeat renews it");
        }
        current.forEach((id, run) -> {
            long since = now - run.renewedAt;
            if (since >= limit) {
                lose(id, run.process.get(), "not renewed for " + since / 1_000_000 + " ms by this replica's clock");
            }
        });
    }

    /**
     * On a shared store, why this replica takes no work now, for {@code /healthz}: its id is held by another process,
     * or its lease was not renewed within the lease less its margin; empty otherwise.
     */
    public Optional<String> leaseProblem() {
        Optional<Database.Replica> replica = db.replica();
        if (replica.isEmpty()) {
            return Optional.empty();
        }
        if (idLost.get()) {
            return Optional.of("replicaId '" + replica.get().id() + "' is held by another receiver: this replica starts"
                    + " no run until it is restarted with its own replicaId");
        }
        if (!claiming()) {
            return Optional.of("this replica's lease is not renewed: it starts no run until its heartbeat renews it");
        }
        return Optional.empty();
    }

    /** Whether this replica may start runs: always on SQLite; on a shared store while its id's lease is fresh. */
    private boolean claiming() {
        Optional<Database.Replica> replica = db.replica();
        if (replica.isEmpty()) {
            return true;
        }
        long limit = replica.get().localDeadline().toNanos();
        return renewed && nanoTime.getAsLong() - renewedAt < limit;
    }

    /**
     * On a shared store, every third of the lease: takes over the runs of other replicas whose lease ran out on the
     * database's clock, while this replica's own is fresh. Never throws: a scheduled task that throws is never run again.
     */
    public void takeOverExpired() {
        if (!claiming()) {
            return;
        }
        try {
            takeOver(clock.instant());
        } catch (IOException | RuntimeException e) {
            LOGGER.log(Level.WARNING, "could not take over the runs of other replicas whose lease ran out; will try again: "
                    + e.getMessage());
        } catch (Throwable t) {
            // Any other failure too: a scheduled task that throws is never run again, and takeovers would stop for good.
            LOGGER.log(Level.SEVERE, "taking over expired runs failed; will try again", t);
        }
    }

    /** Ends the command of a run this replica no longer holds; its end is not stored here (the run is another's now). */
    private void lose(long id, Optional<ProcessIdentity> process, String why) {
        if (lost.add(id)) {
            LOGGER.warning(() -> "run " + id + " lost its lease (" + why + "): its command is ended");
            process.ifPresent(commands::kill);
        }
    }

    /** The runs of other replicas whose lease ran out, each ended as interrupted per its hook, in one transaction. */
    private void takeOver(Instant now) throws IOException {
        List<RunStore.Run> taken = new ArrayList<>();
        List<String> submitted = new ArrayList<>();
        try {
            db.inTransaction(() -> {
                taken.clear();
                for (RunStore.Run run : runs.expiredLeases()) {
                    interrupted(run, Interruption.LEASE, now, submitted);
                    taken.add(run);
                }
                return null;
            });
        } catch (IOException | RuntimeException e) {
            callbacks.withdraw(submitted);
            throw e;
        }
        for (RunStore.Run run : taken) {
            LOGGER.info(() -> "run " + run.id() + " of " + run.work().hook() + " was interrupted by "
                    + Interruption.LEASE.phrase() + " (its replica stopped renewing it); taken over by this replica");
            metrics.run(run.work().hook(), "interrupted", 0);
            wake(run.work().hook());
        }
    }

    private void release(String hook) {
        held.remove(hook);
        wake(hook);
    }

    /** What became of the command of a run a stopped or crashed receiver left running. */
    private sealed interface LeftCommand {
        /** As the log line says it, after "was interrupted by a crash; ". */
        String said();

        record NotRecorded() implements LeftCommand {
            @Override
            public String said() {
                return "its command's process was not recorded (it had not started, or /proc could not be read), so"
                        + " none was ended";
            }
        }

        record AlreadyEnded(long pid) implements LeftCommand {
            @Override
            public String said() {
                return "its command (pid " + pid + ") had already ended";
            }
        }

        /** Still running at the start, and then ended by SIGTERM, or by SIGKILL after the grace. */
        record Ended(long pid, boolean session, Optional<Duration> killedAfter) implements LeftCommand {
            @Override
            public String said() {
                return "its command (pid " + pid + (session ? " and its session" : " and its descendants")
                        + ") was still running and was ended by " + by(killedAfter) + " before the hook's next run";
            }
        }

        /** The command had ended (a leader that writes dies of SIGPIPE), but processes of its session still ran. */
        record SessionEnded(long pid, int processes, Optional<Duration> killedAfter) implements LeftCommand {
            @Override
            public String said() {
                return "its command (pid " + pid + ") had ended, but its command's session (" + processes + " process"
                        + (processes == 1 ? "" : "es") + ") was still running and was ended by " + by(killedAfter)
                        + " before the hook's next run";
            }
        }

        private static String by(Optional<Duration> killedAfter) {
            return killedAfter.map(grace -> "SIGKILL after the grace of " + grace.toMillis() + " ms,").orElse("SIGTERM");
        }
    }

    /** A left command with processes still alive at the start: whether the command itself ran, and how many there were. */
    private record Alive(CommandProcesses processes, boolean commandRan, boolean session, int count) {
        LeftCommand ended(long pid, Optional<Duration> killedAfter) {
            return commandRan
                    ? new LeftCommand.Ended(pid, session, killedAfter)
                    : new LeftCommand.SessionEnded(pid, count, killedAfter);
        }
    }

    /**
     * Ends what the commands of {@code left} left alive: the command if it still runs (the same pid with the same
     * start time), its descendants, and its session's processes even if the command itself has ended; SIGTERM to all,
     * SIGKILL to those left after {@code shutdownGrace}. Returns what became of each run's command; a command that
     * outlived SIGKILL is logged and left out, so its run stays running.
     */
    private Map<Long, LeftCommand> endLeftCommands(List<RunStore.Run> left) throws InterruptedException {
        Map<Long, LeftCommand> ended = new LinkedHashMap<>();
        Map<RunStore.Run, Alive> alive = new LinkedHashMap<>();
        for (RunStore.Run run : left) {
            Optional<ProcessIdentity> process = run.process();
            if (process.isEmpty()) {
                ended.put(run.id(), new LeftCommand.NotRecorded());
                continue;
            }
            CommandProcesses command = CommandProcesses.of(process.get());
            boolean ran = CommandProcesses.isRunning(process.get());
            boolean session = command.leadsSession();
            int count = command.live().size();
            if (count == 0) {
                ended.put(run.id(), new LeftCommand.AlreadyEnded(process.get().pid()));
            } else {
                alive.put(run, new Alive(command, ran, session, count));
                command.terminate();
            }
        }
        Duration grace = config.shutdownGrace();
        long deadline = System.nanoTime() + grace.toNanos();
        for (Map.Entry<RunStore.Run, Alive> entry : alive.entrySet()) {
            RunStore.Run run = entry.getKey();
            CommandProcesses command = entry.getValue().processes();
            long pid = run.process().orElseThrow().pid();
            if (command.awaitGone(deadline)) {
                ended.put(run.id(), entry.getValue().ended(pid, Optional.empty()));
            } else if (command.kill()) {
                ended.put(run.id(), entry.getValue().ended(pid, Optional.of(grace)));
            } else {
                LOGGER.severe(() -> "run " + run.id() + " of " + run.work().hook() + ": its command (pid " + pid
                        + ") outlived SIGKILL (processes " + command.live().stream().map(p -> Long.toString(p.pid())).toList()
                        + " still alive); the hook starts no run until they are gone and the receiver is started again");
            }
        }
        return ended;
    }

    private void wake(String hook) {
        AtomicBoolean flag = active.get(hook);
        if (flag != null && !stopping && !held.contains(hook) && flag.compareAndSet(false, true)) {
            try {
                workers.execute(() -> drain(hook, flag));
            } catch (RejectedExecutionException e) {
                // The receiver is stopping: what is queued is stored, and the next start runs it (recover).
                flag.set(false);
                LOGGER.fine(() -> "runs of " + hook + " are left queued for the next start: the receiver is stopping");
            }
        }
    }

    private void drain(String hookId, AtomicBoolean flag) {
        HookConfig hook = config.hook(hookId).orElseThrow();
        try {
            while (!stopping && !unstored.containsKey(hookId)) {
                if (!claiming()) {
                    // Its lease not renewed lately: nothing starts here until a heartbeat renews it (heal wakes the hook).
                    flag.set(false);
                    stalled.add(hookId);
                    return;
                }
                long claimed = nanoTime.getAsLong();
                Optional<RunStore.Run> next = runs.startNext(hookId, clock.instant());
                if (next.isEmpty()) {
                    break;
                }
                execute(hook, next.get(), claimed);
            }
        } catch (IOException e) {
            LOGGER.log(Level.WARNING, "runs of " + hookId + " stopped on a storage error; they go on once the store can"
                    + " be written", e);
            // Free before marked, so that a heal that finds the mark can always wake the hook.
            flag.set(false);
            stalled.add(hookId);
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            flag.set(false);
        }
        try {
            // A run still running is another replica's: it takes the queued run when it ends (woken again here, this
            // worker would find it running and wake itself again and again).
            if (!stopping && !unstored.containsKey(hookId) && runs.hasQueued(hookId) && !runs.isRunning(hookId)) {
                wake(hookId);
            }
        } catch (IOException e) {
            LOGGER.log(Level.WARNING, "runs of " + hookId + " stopped on a storage error", e);
            stalled.add(hookId);
        }
    }

    /** @param claimed when the statement that started the run, and set its lease, was sent ({@link #nanoTime}) */
    private void execute(HookConfig hook, RunStore.Run run, long claimed) throws InterruptedException {
        Path logFile = config.dataDir().resolve("logs").resolve(hook.id()).resolve(run.id() + ".log");
        boolean logPathStored = true;
        try {
            runs.setLogPath(run.id(), logFile.toString());
        } catch (IOException e) {
            // The run is marked running: it must run and end, or it would hold its hook until the next start.
            logPathStored = false;
            LOGGER.warning(() -> "run " + run.id() + " of " + hook.id() + ": its log path could not be stored now ("
                    + e.getMessage() + "); it is stored with the run's end");
        }
        Instant started = clock.instant();
        LOGGER.info(() -> "run " + run.id() + " of " + hook.id() + " started for " + run.work().ref() + " at "
                + run.work().commit() + " (delivery " + run.work().delivery() + ")");
        running.incrementAndGet();
        Held held = new Held(claimed);
        if (db.replica().isPresent()) {
            current.put(run.id(), held);
        }
        CommandRunner.Result result;
        try {
            result = commands.run(hook, run.work().variables(), logFile, identity -> {
                held.process.set(Optional.of(identity));
                if (lost.contains(run.id())) {
                    // Lost before its process was known: ended now, as lose() would have.
                    commands.kill(identity);
                }
                recordProcess(hook, run, identity);
            });
        } catch (IOException e) {
            // The log could not be made or written (a full disk, say): the run ends rather than holding its hook.
            LOGGER.warning(() -> "run " + run.id() + " of " + hook.id() + " failed: its log could not be written ("
                    + e.getMessage() + ")");
            result = new CommandRunner.Result(RunState.FAILURE, null);
        } finally {
            running.decrementAndGet();
            // Before its end is stored, so that a lease renewed after that never counts the run as lost.
            current.remove(run.id());
        }
        if (halted) {
            return;
        }
        if (lost.remove(run.id())) {
            endLost(hook, run);
            return;
        }
        Instant ended = clock.instant();
        Duration took = Duration.between(started, ended);
        // A wall clock stepped back during the run must not make the end unstorable (a callback's duration is >= 0).
        Ended end = new Ended(hook, run, result, ended, took.isNegative() ? Duration.ZERO : took, logFile, logPathStored);
        try {
            store(end);
        } catch (IOException e) {
            unstored.put(hook.id(), end);
            LOGGER.log(Level.SEVERE, "run " + run.id() + " of " + hook.id() + " ended " + result.state()
                    + " but could not be stored with its callbacks; kept in memory and stored once the store can be"
                    + " written again (tried every second); until then the receiver answers pushes 503 and /healthz 503", e);
            return;
        }
        stored(end);
    }

    /**
     * A run whose lease this replica lost, its command ended: recorded interrupted (by its lease) with its callbacks
     * and requeued per its hook, unless another replica took it over (then that one did so); if the store cannot be
     * reached, the replica that takes it over once its lease runs out does it.
     */
    private void endLost(HookConfig hook, RunStore.Run run) {
        Instant now = clock.instant();
        try {
            boolean[] mine = new boolean[1];
            finishing(submitted -> mine[0] = interrupted(run, Interruption.LEASE, now, submitted));
            if (mine[0]) {
                LOGGER.info(() -> "run " + run.id() + " of " + hook.id() + " was interrupted by "
                        + Interruption.LEASE.phrase() + " (not renewed in time); its command was ended");
                metrics.run(hook.id(), "interrupted", 0);
                wake(hook.id());
            } else {
                LOGGER.info(() -> "run " + run.id() + " of " + hook.id() + " ended after its lease was lost; its end is"
                        + " the replica's that took it over");
            }
        } catch (IOException | RuntimeException e) {
            LOGGER.warning(() -> "run " + run.id() + " of " + hook.id() + " lost its lease and its command was ended; its"
                    + " end could not be stored (" + e.getMessage() + "), so the replica that takes it over records it");
        }
    }

    /**
     * Stores a run's end with its callbacks in one transaction. Only a storage error ({@link IOException}) is worth
     * retrying; a callback that cannot be made at all is logged and the end stored without it, or it would hold every
     * push at 503 for ever.
     */
    private void store(Ended end) throws IOException {
        try {
            store(end, true);
        } catch (RuntimeException e) {
            LOGGER.log(Level.SEVERE, "run " + end.run().id() + " of " + end.hook().id() + " ended " + end.result().state()
                    + " but its callbacks could not be made; its end is stored without them", e);
            store(end, false);
        }
    }

    private void store(Ended end, boolean withCallbacks) throws IOException {
        HookConfig hook = end.hook();
        RunStore.Run run = end.run();
        CommandRunner.Result result = end.result();
        // One transaction, so that no crash or storage error leaves the run finished without its callbacks.
        finishing(submitted -> {
            if (!end.logPathStored()) {
                runs.setLogPath(run.id(), end.logFile().toString());
            }
            // Not running: its end was stored already (a commit that failed late), or another replica took it over.
            boolean wasRunning = runs.finish(run.id(), result.state(), result.exitCode(), end.at());
            if (withCallbacks && wasRunning) {
                callbacks.finished(hook, run, result.state(), end.took(), submitted);
            }
        });
    }

    /** Counts, logs and prunes after a run's end is stored (never a reason to store it again). */
    private void stored(Ended end) {
        HookConfig hook = end.hook();
        RunStore.Run run = end.run();
        CommandRunner.Result result = end.result();
        metrics.run(hook.id(), result.state().name().toLowerCase(java.util.Locale.ROOT), end.took().toMillis());
        LOGGER.info(() -> "run " + run.id() + " of " + hook.id() + " ended " + result.state()
                + (result.exitCode() == null ? "" : " with exit code " + result.exitCode()) + " after "
                + end.took().toMillis() + " ms");
        prune(hook);
    }

    /** Stores the process of a run's command, so that a start after a crash can end it before the hook's next run. */
    private void recordProcess(HookConfig hook, RunStore.Run run, ProcessIdentity process) {
        try {
            runs.setProcess(run.id(), process);
        } catch (IOException e) {
            // The deploy goes on: only a crash during it would need the record.
            LOGGER.warning(() -> "run " + run.id() + " of " + hook.id() + ": its command's pid " + process.pid()
                    + " could not be stored; after a crash it would not be ended before the next run: " + e.getMessage());
        }
    }

    /**
     * Stores the ends of runs that could not be stored, then starts the runs of their hooks and of hooks whose runs
     * stopped on a storage error; when nothing is owed but the last write failed, proves a write, so that the store's
     * state is known without waiting for a push. Called every second, and by a push while an end is owed.
     */
    public void heal() {
        synchronized (healing) {
            if (halted) {
                return;
            }
            for (Ended end : List.copyOf(unstored.values())) {
                try {
                    store(end);
                } catch (Error e) {
                    // The poller runs this every second: an Error must not cancel it, or no end would be stored again.
                    LOGGER.log(Level.SEVERE, "storing the end of run " + end.run().id() + " failed; will try again", e);
                    continue;
                } catch (IOException | RuntimeException e) {
                    LOGGER.fine(() -> "the end of run " + end.run().id() + " of " + end.hook().id()
                            + " still cannot be stored: " + e.getMessage());
                    continue;
                }
                unstored.remove(end.hook().id());
                stalled.add(end.hook().id());
                LOGGER.info(() -> "the store can be written again: the end of run " + end.run().id() + " of "
                        + end.hook().id() + " is stored with its callbacks");
                stored(end);
            }
            if (unstored.isEmpty() && !db.lastWriteCommitted()) {
                try {
                    db.proveWritable(clock.instant());
                    LOGGER.info("the store can be written again");
                } catch (IOException | RuntimeException e) {
                    LOGGER.fine(() -> "the store still cannot be written: " + e.getMessage());
                }
            }
            if (db.lastWriteCommitted() && claiming()) {
                for (String hook : List.copyOf(stalled)) {
                    stalled.remove(hook);
                    wake(hook);
                }
                if (db.replica().isPresent()) {
                    wakeWaiting();
                }
            }
        }
    }

    /**
     * Wakes the hooks with a queued run and none running: one queued here or on another replica while a run of the
     * hook ran elsewhere is left by a replica that stopped cleanly after that run, and must not wait for the next push.
     */
    private void wakeWaiting() {
        try {
            runs.hooksWaiting().stream().filter(hook -> config.hook(hook).isPresent()).forEach(this::wake);
        } catch (IOException | RuntimeException e) {
            LOGGER.fine(() -> "could not look for queued runs: " + e.getMessage());
        }
    }

    /** Why the store cannot take work now, while the end of a run waits to be stored; empty otherwise. */
    public Optional<String> problem() {
        return unstored.values().stream().findFirst().map(end -> "the store cannot be written: the end of run "
                + end.run().id() + " of " + end.hook().id() + " is not stored yet");
    }

    /** Writes of a run's end, told where to note the ids of the callbacks they submit. */
    private interface FinalWrites {
        void run(List<String> submitted) throws IOException;
    }

    /**
     * A run's final state and its callbacks as one transaction; if it rolls back, the callbacks already submitted are
     * withdrawn from the drain (never stored, nothing would ever settle them).
     */
    private void finishing(FinalWrites writes) throws IOException {
        List<String> submitted = new ArrayList<>();
        try {
            db.inTransaction(() -> {
                writes.run(submitted);
                return null;
            });
        } catch (IOException | RuntimeException e) {
            callbacks.withdraw(submitted);
            throw e;
        }
    }

    /**
     * Deletes the hook's finished runs beyond its {@code keepRuns}, rows first and then their log files, after the
     * first run since the start and then after every {@code keepRuns / 10} runs (so up to a tenth more may be kept
     * between prunings). Outside the run's final transaction, so that a failure here never costs a finished run its
     * state or its callbacks. If the rows cannot be deleted, the next pruning catches up; a log file that cannot be
     * deleted is left behind.
     */
    private void prune(HookConfig hook) {
        // Every tenth of keepRuns (every run for a small keepRuns): the DELETE ranks the hook's finished runs, which
        // at a run a few milliseconds long was a twentieth of the receiver's CPU when done after every run.
        int since = unpruned.merge(hook.id(), 1, Integer::sum);
        if (since > 1 && since <= hook.keepRuns() / 10) {
            return;
        }
        unpruned.put(hook.id(), 1);
        List<String> logPaths;
        try {
            logPaths = runs.pruneFinished(hook.id(), hook.keepRuns());
        } catch (IOException e) {
            LOGGER.log(Level.WARNING, "could not prune the old runs of " + hook.id() + ": " + e.getMessage());
            return;
        }
        for (String logPath : logPaths) {
            try {
                Files.deleteIfExists(Path.of(logPath));
            } catch (IOException e) {
                LOGGER.log(Level.WARNING, "could not delete the log " + logPath + " of a pruned run of " + hook.id()
                        + " (" + e.getClass().getSimpleName() + ")");
            }
        }
    }

    /** Stops starting runs; waits up to {@code grace} for running ones, then kills them and leaves them to recovery. */
    public void stop(Duration grace) throws InterruptedException {
        stopping = true;
        workers.shutdown();
        if (!workers.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
            halt();
            try {
                runs.markStopped();
            } catch (IOException e) {
                LOGGER.warning(() -> "the runs cut short by this stop could not be marked so; the next start will say they"
                        + " were interrupted by a crash: " + e.getMessage());
            }
            return;
        }
        // A last try: what still cannot be stored stays running, for the next start to recover as interrupted.
        heal();
    }

    /** Stops as a crash would: kills running commands without recording how they ended. */
    public void halt() {
        stopping = true;
        halted = true;
        commands.killAll();
        workers.shutdownNow();
    }
}
