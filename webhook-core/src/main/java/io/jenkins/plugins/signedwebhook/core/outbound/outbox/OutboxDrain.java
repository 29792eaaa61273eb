package io.jenkins.plugins.signedwebhook.core.outbound.outbox;

import io.jenkins.plugins.signedwebhook.core.outbound.Attempt;
import io.jenkins.plugins.signedwebhook.core.outbound.Dispatcher;
import io.jenkins.plugins.signedwebhook.core.outbound.OutboundMessage;
import io.jenkins.plugins.signedwebhook.core.outbound.RetryDecision;
import io.jenkins.plugins.signedwebhook.core.outbound.StopReason;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Delivers what is in an {@link Outbox}: each due message gets one attempt on a worker, its record is updated
 * with the outcome and the next due time, and the message waits in the outbox (not on a thread) until then.
 * At most {@code maxConcurrency} attempts run at once and never two of one message. Because the schedule lives
 * in the outbox, a new drain on the same outbox resumes where a stopped one left off, with the same ids.
 *
 * <pre>{@code
 * OutboxDrain drain = new OutboxDrain(new FileOutbox(dir), dispatcher, Executors.newFixedThreadPool(4), 4);
 * drain.start(scheduler, Duration.ofSeconds(1));
 * CompletableFuture<Settlement> settled = drain.submit(OutboundMessage.of(callback, uri, credentialsId));
 * }</pre>
 */
public final class OutboxDrain implements AutoCloseable {
    private static final Logger LOGGER = Logger.getLogger(OutboxDrain.class.getName());

    private final Outbox outbox;
    private volatile Dispatcher dispatcher;
    private final ExecutorService workers;
    private final int maxConcurrency;
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
    private final Map<String, CompletableFuture<Settlement>> waiting = new ConcurrentHashMap<>();
    private volatile Consumer<Attempt> attemptListener = attempt -> {};
    private volatile SettlementListener settlementListener = (settlement, lastAttempt) -> {};
    private volatile ScheduledExecutorService ticker;
    private volatile ScheduledFuture<?> ticking;

    /** Attempts run on {@code workers}, at most {@code maxConcurrency} at once; the caller owns the executor. */
    public OutboxDrain(Outbox outbox, Dispatcher dispatcher, ExecutorService workers, int maxConcurrency) {
        if (maxConcurrency < 1) {
            throw new IllegalArgumentException("maxConcurrency: must be at least 1, was " + maxConcurrency);
        }
        this.outbox = Objects.requireNonNull(outbox, "outbox");
        this.dispatcher = Objects.requireNonNull(dispatcher, "dispatcher");
        this.workers = Objects.requireNonNull(workers, "workers");
        this.maxConcurrency = maxConcurrency;
    }

    /**
     * Persists {@code message}, due now, before any attempt; the future completes when it is delivered or
     * dead-lettered by this drain (a drain started after a restart delivers it without completing this future).
     * If the drain is started, the first attempt begins without waiting for a poll.
     */
    public CompletableFuture<Settlement> submit(OutboundMessage message) throws IOException {
        CompletableFuture<Settlement> settled = new CompletableFuture<>();
        waiting.put(message.id(), settled);
        try {
            outbox.add(OutboxRecord.fresh(message, dispatcher.clock().instant()));
        } catch (IOException | RuntimeException e) {
            waiting.remove(message.id());
            throw e;
        }
        ScheduledExecutorService current = ticker;
        if (current != null) {
            try {
                current.execute(this::tick);
            } catch (RejectedExecutionException e) {
                LOGGER.log(Level.FINE, "Drain stopped; message {0} waits in the outbox", message.id());
            }
        }
        return settled;
    }

    /**
     * Forgets a submission whose outbox record the caller's transaction rolled back after {@link #submit} returned: its
     * future is cancelled (it could never complete otherwise) and no longer held. Unknown ids are ignored.
     */
    public void withdraw(String id) {
        CompletableFuture<Settlement> settled = waiting.remove(id);
        if (settled != null) {
            settled.cancel(false);
        }
    }

    /** {@code listener} is told of every attempt this drain makes, once its outcome is stored (for metrics). */
    public void onAttempt(Consumer<Attempt> listener) {
        attemptListener = Objects.requireNonNull(listener, "listener");
    }

    /**
     * {@code listener} is told of every settlement this drain makes, also of messages another drain submitted,
     * before the message leaves the pending ones.
     */
    public void beforeSettling(SettlementListener listener) {
        settlementListener = Objects.requireNonNull(listener, "listener");
    }

    /**
     * Attempts that start from now on use {@code value} (new settings); running ones finish with the old one. The
     * drain and so its in-flight set stay the same, so a message still never has two attempts at once.
     */
    public void use(Dispatcher value) {
        dispatcher = Objects.requireNonNull(value, "dispatcher");
    }

    /** Submissions of this drain whose settlement is still awaited. */
    public int awaiting() {
        return waiting.size();
    }

    /** Runs {@link #runOnce} every {@code pollInterval} on {@code scheduler} until {@link #close}. */
    public synchronized void start(ScheduledExecutorService scheduler, Duration pollInterval) {
        if (ticking != null) {
            throw new IllegalStateException("drain already started");
        }
        ticker = scheduler;
        ticking = scheduler.scheduleWithFixedDelay(this::tick, 0, pollInterval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Stops polling; attempts already running finish, and nothing is lost: pending messages stay in the outbox. */
    @Override
    public synchronized void close() {
        if (ticking != null) {
            ticking.cancel(false);
        }
        ticker = null;
    }

    /**
     * Starts one attempt for each due message that has none running, soonest due first, up to the bound.
     *
     * @return the started attempts, each completing once its outcome is stored
     */
    public synchronized List<CompletableFuture<Void>> runOnce() throws IOException {
        List<CompletableFuture<Void>> started = new ArrayList<>();
        Instant now = dispatcher.clock().instant();
        for (OutboxRecord record : outbox.pending()) {
            if (record.nextAttemptAt().isAfter(now) || inFlight.size() >= maxConcurrency) {
                break;
            }
            String id = record.id();
            if (!inFlight.add(id)) {
                continue;
            }
            try {
                CompletableFuture<Void> attempt = CompletableFuture.runAsync(() -> attemptIfStillDue(id), workers);
                started.add(attempt.whenComplete((ignored, failure) -> inFlight.remove(id)));
            } catch (RejectedExecutionException e) {
                inFlight.remove(id);
                LOGGER.log(Level.FINE, "Workers stopped; message {0} waits in the outbox", id);
                break;
            }
        }
        return started;
    }

    private void tick() {
        try {
            runOnce();
        } catch (IOException | RuntimeException e) {
            LOGGER.log(Level.WARNING, "Could not read the outbox " + outbox + "; will try again", e);
        }
    }

    private void attemptIfStillDue(String id) {
        try {
            // Read again inside the in-flight window: the listing may predate the previous attempt's update.
            Optional<OutboxRecord> current = outbox.find(id);
            if (current.isEmpty() || current.get().nextAttemptAt().isAfter(dispatcher.clock().instant())) {
                return;
            }
            attempt(current.get());
        } catch (InterruptedException e) {
            // Shut down mid-attempt: the record is left as it was, so the next drain makes this attempt again.
            Thread.currentThread().interrupt();
        } catch (IOException | RuntimeException e) {
            LOGGER.log(Level.WARNING, "Could not store the outcome of an attempt of " + id + "; it stays pending", e);
        }
    }

    private void attempt(OutboxRecord record) throws IOException, InterruptedException {
        OutboundMessage message = record.message();
        Dispatcher current = dispatcher;
        if (current.expired(message)) {
            settle(new DeadLetter(record, StopReason.DEADLINE_EXCEEDED), Optional.empty());
            return;
        }
        Attempt attempt = current.attempt(message, record.attempts() + 1);
        RetryDecision decision = attempt.decision();
        String error = attempt.result().describe();
        if (decision.delivered()) {
            Settlement delivered = new Settlement.Delivered(message.id(), attempt.number());
            tellListener(delivered, Optional.of(attempt));
            outbox.remove(message.id());
            complete(delivered);
        } else if (decision.stopReason().isPresent()) {
            settle(new DeadLetter(record.failedAttempt(error, attempt.startedAt()), decision.stopReason().get()),
                    Optional.of(attempt));
        } else {
            outbox.update(record.failedAttempt(error, decision.nextAttemptAt().orElseThrow()));
        }
        attemptListener.accept(attempt);
    }

    private void settle(DeadLetter letter, Optional<Attempt> lastAttempt) throws IOException {
        Settlement settlement = new Settlement.DeadLettered(letter);
        tellListener(settlement, lastAttempt);
        outbox.bury(letter);
        LOGGER.log(Level.WARNING, "Callback {0} to {1} given up after {2} attempt(s): {3}, last error {4}", new Object[] {
            letter.record().id(),
            letter.record().message().targetForLogs(),
            letter.record().attempts(),
            letter.reason(),
            letter.record().lastError().orElse("none")
        });
        complete(settlement);
    }

    /** A listener that fails must not leave a decided message due: it would be sent again every poll, for ever. */
    private void tellListener(Settlement settlement, Optional<Attempt> lastAttempt) {
        try {
            settlementListener.settling(settlement, lastAttempt);
        } catch (IOException | RuntimeException e) {
            LOGGER.log(Level.WARNING, "Could not record the outcome of callback " + settlement.id()
                    + " before it leaves the outbox; it is settled anyway", e);
        }
    }

    private void complete(Settlement settlement) {
        CompletableFuture<Settlement> settled = waiting.remove(settlement.id());
        if (settled != null) {
            settled.complete(settlement);
        }
    }

    @Override
    public String toString() {
        return "OutboxDrain[" + outbox + ", " + inFlight.size() + " in flight, max " + maxConcurrency + "]";
    }
}
