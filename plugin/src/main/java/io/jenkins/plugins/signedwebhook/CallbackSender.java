package io.jenkins.plugins.signedwebhook;

import io.jenkins.plugins.signedwebhook.core.outbound.Attempt;
import io.jenkins.plugins.signedwebhook.core.outbound.Dispatcher;
import io.jenkins.plugins.signedwebhook.core.outbound.OutboundMessage;
import io.jenkins.plugins.signedwebhook.core.outbound.SecretResolver;
import io.jenkins.plugins.signedwebhook.core.outbound.outbox.DeadLetter;
import io.jenkins.plugins.signedwebhook.core.outbound.outbox.FileOutbox;
import io.jenkins.plugins.signedwebhook.core.outbound.outbox.FileReceipts;
import io.jenkins.plugins.signedwebhook.core.outbound.outbox.OutboxDrain;
import io.jenkins.plugins.signedwebhook.core.outbound.outbox.OutboxRecord;
import io.jenkins.plugins.signedwebhook.core.outbound.outbox.Receipt;
import io.jenkins.plugins.signedwebhook.core.outbound.outbox.Settlement;
import io.jenkins.plugins.signedwebhook.core.outbound.policy.UrlPolicy;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Sends the step's callbacks through the durable outbox in {@code directory}: {@link #enqueue} for {@code wait: false},
 * {@link #submitAwaited} and {@link #await} for {@code wait: true}, whose outcome is kept as a receipt in
 * {@code directory/receipts} until the step {@link #collect}s it, so it survives a restart in between. One drain
 * with its own daemon threads (named {@value #THREAD_PREFIX}…) runs the attempts until {@link #close}.
 */
final class CallbackSender implements AutoCloseable {
    static final String THREAD_PREFIX = "signed-webhook callback";
    private static final Logger LOGGER = Logger.getLogger(CallbackSender.class.getName());
    private static final int RECENT_ROWS = 100;
    private static final int WORKERS = 2;
    private static final Duration POLL = Duration.ofSeconds(1);
    /** Receipts older than this belong to steps that will not come back (their builds were deleted or aborted). */
    private static final Duration RECEIPT_RETENTION = Duration.ofDays(7);
    private static final Duration PRUNE_EVERY = Duration.ofHours(1);
    private static final Duration STOP_GRACE = Duration.ofSeconds(10);

    private final FileOutbox outbox;
    private final FileReceipts receipts;
    private final Supplier<HttpClient.Builder> clients;
    private final SecretResolver secrets;
    private final Clock clock;
    private final ExecutorService workers;
    private final ExecutorService http;
    /** Every dispatcher made, the ones replaced by a reconfigure too: their HTTP clients are shut down at close. */
    private final List<Dispatcher> dispatchers = new CopyOnWriteArrayList<>();
    /** Every thread made for this sender, so that {@link #close()} returns only once they have ended. */
    private final Set<Thread> threads = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService poller;
    private final OutboxDrain drain;
    private final Map<String, CompletableFuture<Receipt>> waiters = new ConcurrentHashMap<>();
    private final Deque<CallbackRow> recent = new ArrayDeque<>();
    private Instant nextPrune;

    CallbackSender(Path directory, Supplier<HttpClient.Builder> clients, SecretResolver secrets, Clock clock,
            CallbackLimits limits, UrlPolicy policy) throws IOException {
        this.outbox = new FileOutbox(directory);
        this.receipts = new FileReceipts(directory.resolve("receipts"));
        this.clients = clients;
        this.secrets = secrets;
        this.clock = clock;
        pruneIfDue();
        this.workers = Executors.newFixedThreadPool(WORKERS, daemon("outbox"));
        this.http = Executors.newCachedThreadPool(daemon("http"));
        this.poller = Executors.newSingleThreadScheduledExecutor(daemon("poll"));
        this.drain = new OutboxDrain(outbox, dispatcher(limits, policy), workers, WORKERS);
        drain.beforeSettling(this::settling);
        drain.start(poller, POLL);
    }

    private ThreadFactory daemon(String role) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, THREAD_PREFIX + " " + role + " " + count.incrementAndGet());
            thread.setDaemon(true);
            threads.add(thread);
            return thread;
        };
    }

    private Dispatcher dispatcher(CallbackLimits limits, UrlPolicy policy) {
        Dispatcher made = Dispatcher.builder()
                .httpClient(clients.get().executor(http))
                .clock(clock)
                .timeouts(limits.timeouts())
                .retryPolicy(limits.retryPolicy())
                .urlPolicy(policy)
                .secrets(secrets)
                .build();
        dispatchers.add(made);
        return made;
    }

    /** Applies new global settings to the attempts that start from now on; the one drain keeps one attempt per message. */
    void reconfigure(CallbackLimits limits, UrlPolicy policy) {
        drain.use(dispatcher(limits, policy));
    }

    /** Stores {@code message} in the outbox (durable when this returns); it is delivered in the background. */
    void enqueue(OutboundMessage message) throws IOException {
        drain.submit(message).thenAccept(settlement -> {
            if (settlement.delivered()) {
                remember(new CallbackRow(settlement.id(), CallbackRow.hostOf(message.target()), settlement.attempts(),
                        Messages.CallbackRow_Delivered(), ""));
            }
        });
    }

    /** Like {@link #enqueue}, and its outcome is kept until {@link #collect}: a step will {@link #await} it. */
    void submitAwaited(OutboundMessage message) throws IOException {
        receipts.expect(message.id(), clock.instant());
        try {
            enqueue(message);
        } catch (IOException | RuntimeException e) {
            receipts.collect(message.id());
            throw e;
        }
    }

    /**
     * The outcome of awaited message {@code id}: at once if it settled already (also before a restart), else when the
     * drain settles it. Fails if the message is neither pending nor settled (its outbox file was unreadable).
     */
    CompletableFuture<Receipt> await(String id) throws IOException {
        CompletableFuture<Receipt> waiter = waiters.computeIfAbsent(id, ignored -> new CompletableFuture<>());
        Optional<Receipt> known = settled(id);
        if (known.isEmpty() && outbox.find(id).isPresent()) {
            if (receipts.find(id).isEmpty()) {
                // Its receipt was lost (an unreadable file); expect it again so that another restart keeps the outcome.
                receipts.expect(id, clock.instant());
            }
            return waiter;
        }
        // The drain stores the receipt before the message leaves the outbox, so look once more.
        known = known.isPresent() ? known : settled(id);
        if (known.isEmpty()) {
            // A given-up message without a receipt (pruned or unreadable) still has its dead letter.
            known = outbox.findDeadLetter(id).map(letter -> Receipt.of(new Settlement.DeadLettered(letter),
                    Optional.empty(), clock.instant()));
        }
        waiters.remove(id, waiter);
        if (known.isPresent()) {
            waiter.complete(known.get());
        } else {
            waiter.completeExceptionally(new IOException("callback " + id
                    + " is no longer in the outbox and its outcome was not kept (see the Jenkins log for an unreadable file)"));
        }
        return waiter;
    }

    private Optional<Receipt> settled(String id) throws IOException {
        return receipts.find(id).filter(receipt -> !(receipt instanceof Receipt.Awaiting));
    }


    /** Stops waiting for {@code id}; the message stays in the outbox and is delivered in the background. */
    void forget(String id) throws IOException {
        waiters.remove(id);
        receipts.collect(id);
    }

    /** The waiter is told even when the receipt cannot be written: the outcome then lives in memory only. */
    private void settling(Settlement settlement, Optional<Attempt> lastAttempt) throws IOException {
        Receipt receipt = Receipt.of(settlement, lastAttempt, clock.instant());
        try {
            receipts.settle(receipt);
        } finally {
            CompletableFuture<Receipt> waiter = waiters.remove(settlement.id());
            if (waiter != null) {
                waiter.complete(receipt);
            }
        }
    }

    /** Starts an attempt for every due message at once, without waiting for the next poll; prunes receipts hourly. */
    void drainOnce() throws IOException {
        pruneIfDue();
        drain.runOnce();
    }

    private synchronized void pruneIfDue() throws IOException {
        Instant now = clock.instant();
        if (nextPrune == null || !now.isBefore(nextPrune)) {
            nextPrune = now.plus(PRUNE_EVERY);
            receipts.prune(now.minus(RECEIPT_RETENTION));
        }
    }

    private void remember(CallbackRow row) {
        synchronized (recent) {
            recent.addFirst(row);
            while (recent.size() > RECENT_ROWS) {
                recent.removeLast();
            }
        }
    }

    /** Waiting and given-up messages of the outbox first, then recently finished ones, newest first. */
    List<CallbackRow> rows() throws IOException {
        List<CallbackRow> rows = new ArrayList<>();
        for (OutboxRecord record : outbox.pending()) {
            rows.add(new CallbackRow(record.id(), CallbackRow.hostOf(record.message().target()), record.attempts(),
                    record.lastError().map(Messages::CallbackRow_Retrying).orElseGet(Messages::CallbackRow_Queued),
                    CallbackRow.time(record.nextAttemptAt())));
        }
        for (DeadLetter letter : outbox.deadLetters()) {
            OutboxRecord record = letter.record();
            rows.add(new CallbackRow(record.id(), CallbackRow.hostOf(record.message().target()), record.attempts(),
                    record.lastError().map(error -> Messages.CallbackRow_GaveUpWithError(letter.reason(), error))
                            .orElseGet(() -> Messages.CallbackRow_GaveUp(letter.reason())), ""));
        }
        synchronized (recent) {
            rows.addAll(recent);
        }
        return rows;
    }

    /**
     * Stops polling and interrupts running attempts, and returns once the threads have ended; what is still queued
     * stays in the outbox, with its receipt, for the next start. Waiting steps are not told: they resume from there.
     */
    @Override
    public void close() {
        drain.close();
        waiters.clear();
        poller.shutdownNow();
        workers.shutdownNow();
        http.shutdownNow();
        dispatchers.forEach(Dispatcher::shutdownNow);
        try {
            for (ExecutorService executor : List.of(poller, workers, http)) {
                if (!executor.awaitTermination(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                    LOGGER.log(Level.WARNING, "Callback threads did not stop within {0}", STOP_GRACE);
                }
            }
            // A terminated pool's last thread may still be leaving its run method: wait until it has.
            for (Thread thread : threads) {
                if (thread != Thread.currentThread()) {
                    thread.join(STOP_GRACE.toMillis());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
