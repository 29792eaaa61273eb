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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

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
    /** Per hook, runs finished since its last pruning (a hook's runs are finished by one thread at a time). */
    private final Map<String, Integer> unpruned = new ConcurrentHashMap<>();
    private final AtomicInteger running = new AtomicInteger();
    private volatile boolean stopping;
    private volatile boolean halted;

    public HookRunner(ReceiverConfig config, Database db, RunStore runs, DeliveryStore deliveries, CommandRunner commands, Callbacks callbacks, Metrics metrics,
            ExecutorService workers, Clock clock) {
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
        metrics.gauge("signed_webhook_runs_running", "Commands running now.", running::get);
    }

    @Override
    public Outcome schedule(Subscription subscription, PushDelivery delivery) {
        PushEvent push = delivery.push();
        Map<String, String> variables = PushVariables.of(delivery.deliveryId(), delivery.event(), push);
        RunStore.Work work = new RunStore.Work(subscription.id(), delivery.deliveryId(), variables,
                push.repository().fullName(), push.ref(), push.after());
        Instant now = clock.instant();
        try {
            // One transaction for both writes of an accepted delivery: its run and its id, so a redelivery after a
            // restart is refused; committed with the other deliveries being scheduled at the same time. The engine turns this Scheduled into Accepted(List.of(subscription.id())), the
            // started list stored here (one subscription per hook).
            db.inGroupTransaction(() -> {
                runs.enqueue(work, now);
                deliveries.recordAccepted(subscription.id(), delivery.deliveryId(), now, List.of(subscription.id()));
                return null;
            });
        } catch (IOException e) {
            // A store that cannot be written may recover: the engine answers 503 so that the sender redelivers.
            throw new UncheckedIOException("could not queue a run of " + subscription.id(), e);
        }
        wake(subscription.id());
        return new Scheduled(subscription.id());
    }

    /**
     * Marks runs a stopped receiver left running as interrupted, requeues them where the hook asks, and starts work.
     * Each run's new state, callbacks and requeue are one transaction: if it fails, the run stays running for the
     * next start to recover.
     */
    public void recover() throws IOException {
        Instant now = clock.instant();
        for (RunStore.Run run : runs.running()) {
            Optional<HookConfig> hook = config.hook(run.work().hook());
            finishing(submitted -> {
                runs.finish(run.id(), RunState.INTERRUPTED, null, now);
                if (hook.isPresent()) {
                    callbacks.finished(hook.get(), run, RunState.INTERRUPTED, Duration.ZERO, submitted);
                    if (hook.get().onInterrupted() == HookConfig.OnInterrupted.REQUEUE && !runs.hasQueued(hook.get().id())) {
                        runs.enqueue(run.work(), now);
                    }
                }
            });
            LOGGER.info(() -> "run " + run.id() + " of " + run.work().hook() + " was interrupted by a stop");
            metrics.run(run.work().hook(), "interrupted", 0);
        }
        config.hooks().forEach(h -> wake(h.id()));
    }

    private void wake(String hook) {
        AtomicBoolean flag = active.get(hook);
        if (flag != null && !stopping && flag.compareAndSet(false, true)) {
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
            Optional<RunStore.Run> next;
            while (!stopping && (next = runs.startNext(hookId, clock.instant())).isPresent()) {
                execute(hook, next.get());
            }
        } catch (IOException e) {
            LOGGER.log(Level.WARNING, "runs of " + hookId + " stopped on a storage error", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            flag.set(false);
        }
        try {
            if (!stopping && runs.hasQueued(hookId)) {
                wake(hookId);
            }
        } catch (IOException e) {
            LOGGER.log(Level.WARNING, "runs of " + hookId + " stopped on a storage error", e);
        }
    }

    private void execute(HookConfig hook, RunStore.Run run) throws IOException, InterruptedException {
        Path logFile = config.dataDir().resolve("logs").resolve(hook.id()).resolve(run.id() + ".log");
        runs.setLogPath(run.id(), logFile.toString());
        Instant started = clock.instant();
        LOGGER.info(() -> "run " + run.id() + " of " + hook.id() + " started for " + run.work().ref() + " at "
                + run.work().commit() + " (delivery " + run.work().delivery() + ")");
        running.incrementAndGet();
        CommandRunner.Result result;
        try {
            result = commands.run(hook, run.work().variables(), logFile);
        } finally {
            running.decrementAndGet();
        }
        if (halted) {
            return;
        }
        Instant ended = clock.instant();
        Duration took = Duration.between(started, ended);
        try {
            // One transaction, so that no crash or storage error leaves the run finished without its callbacks.
            finishing(submitted -> {
                runs.finish(run.id(), result.state(), result.exitCode(), ended);
                callbacks.finished(hook, run, result.state(), took, submitted);
            });
        } catch (IOException e) {
            LOGGER.log(Level.SEVERE, "run " + run.id() + " of " + hook.id() + " ended " + result.state()
                    + " but could not be stored with its callbacks; it stays running until the next start recovers it", e);
            throw e;
        }
        metrics.run(hook.id(), result.state().name().toLowerCase(java.util.Locale.ROOT), took.toMillis());
        LOGGER.info(() -> "run " + run.id() + " of " + hook.id() + " ended " + result.state()
                + (result.exitCode() == null ? "" : " with exit code " + result.exitCode()) + " after " + took.toMillis() + " ms");
        prune(hook);
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
        }
    }

    /** Stops as a crash would: kills running commands without recording how they ended. */
    public void halt() {
        stopping = true;
        halted = true;
        commands.killAll();
        workers.shutdownNow();
    }
}
