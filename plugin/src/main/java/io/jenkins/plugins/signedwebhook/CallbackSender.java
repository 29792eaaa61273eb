package io.jenkins.plugins.signedwebhook;

import io.jenkins.plugins.signedwebhook.core.outbound.DeliveryResult;
import io.jenkins.plugins.signedwebhook.core.outbound.Dispatcher;
import io.jenkins.plugins.signedwebhook.core.outbound.OutboundMessage;
import io.jenkins.plugins.signedwebhook.core.outbound.SecretResolver;
import io.jenkins.plugins.signedwebhook.core.outbound.outbox.DeadLetter;
import io.jenkins.plugins.signedwebhook.core.outbound.outbox.FileOutbox;
import io.jenkins.plugins.signedwebhook.core.outbound.outbox.OutboxDrain;
import io.jenkins.plugins.signedwebhook.core.outbound.outbox.OutboxRecord;
import io.jenkins.plugins.signedwebhook.core.outbound.policy.UrlPolicy;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * Sends the step's callbacks with the core's outbound engine: at once on the caller's thread ({@link #deliver}), or
 * through the durable outbox in {@code directory} ({@link #enqueue}), drained by {@link #drainOnce} on workers.
 * The outbox's secret resolver is fixed; its limits and URL policy follow {@link #reconfigure}.
 */
final class CallbackSender implements AutoCloseable {
    private static final int RECENT_ROWS = 100;
    private static final int WORKERS = 2;

    private final FileOutbox outbox;
    private final Supplier<HttpClient.Builder> clients;
    private final SecretResolver outboxSecrets;
    private final Clock clock;
    private final ExecutorService workers;
    private final Deque<CallbackRow> recent = new ArrayDeque<>();
    private OutboxDrain drain;

    CallbackSender(Path directory, Supplier<HttpClient.Builder> clients, SecretResolver outboxSecrets, Clock clock,
            CallbackLimits limits, UrlPolicy policy) throws IOException {
        this.outbox = new FileOutbox(directory);
        this.clients = clients;
        this.outboxSecrets = outboxSecrets;
        this.clock = clock;
        this.workers = Executors.newFixedThreadPool(WORKERS, runnable -> {
            Thread thread = new Thread(runnable, "signed-webhook callback outbox");
            thread.setDaemon(true);
            return thread;
        });
        this.drain = newDrain(limits, policy);
    }

    private OutboxDrain newDrain(CallbackLimits limits, UrlPolicy policy) {
        return new OutboxDrain(outbox, dispatcher(limits, policy, outboxSecrets), workers, WORKERS);
    }

    private Dispatcher dispatcher(CallbackLimits limits, UrlPolicy policy, SecretResolver secrets) {
        return Dispatcher.builder()
                .httpClient(clients.get())
                .clock(clock)
                .timeouts(limits.timeouts())
                .retryPolicy(limits.retryPolicy())
                .urlPolicy(policy)
                .secrets(secrets)
                .build();
    }

    /** Applies new global settings to queued callbacks: a new drain on the same outbox, as after a restart. */
    synchronized void reconfigure(CallbackLimits limits, UrlPolicy policy) {
        drain.close();
        drain = newDrain(limits, policy);
    }

    /** Sends {@code message} now, retrying until delivered or out of attempts; blocks the calling thread. */
    DeliveryResult deliver(OutboundMessage message, CallbackLimits limits, UrlPolicy policy, SecretResolver secrets)
            throws InterruptedException {
        DeliveryResult result = dispatcher(limits, policy, secrets).deliver(message);
        NotifyResult summary = NotifyResult.of(result);
        remember(new CallbackRow(message.id(), CallbackRow.hostOf(message.target()), summary.attempts(),
                summary.failed() ? "failed: " + summary.problem() : "delivered", ""));
        return result;
    }

    /** Stores {@code message} in the outbox (durable when this returns) and starts its first attempt in the background. */
    void enqueue(OutboundMessage message) throws IOException {
        OutboxDrain current = currentDrain();
        current.submit(message).thenAccept(settlement -> {
            if (settlement.delivered()) {
                remember(new CallbackRow(settlement.id(), CallbackRow.hostOf(message.target()), settlement.attempts(),
                        "delivered", ""));
            }
        });
        current.runOnce();
    }

    /** Starts an attempt for every due message; returns at once, the attempts run on the workers. */
    void drainOnce() throws IOException {
        currentDrain().runOnce();
    }

    private synchronized OutboxDrain currentDrain() {
        return drain;
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
                    record.lastError().map(error -> "retrying: " + error).orElse("queued"),
                    CallbackRow.time(record.nextAttemptAt())));
        }
        for (DeadLetter letter : outbox.deadLetters()) {
            OutboxRecord record = letter.record();
            rows.add(new CallbackRow(record.id(), CallbackRow.hostOf(record.message().target()), record.attempts(),
                    "gave up (" + letter.reason() + ")" + record.lastError().map(error -> ": " + error).orElse(""), ""));
        }
        synchronized (recent) {
            rows.addAll(recent);
        }
        return rows;
    }

    /** Stops the drain and its workers; what is still queued stays in the outbox for the next start. */
    @Override
    public void close() {
        currentDrain().close();
        workers.shutdownNow();
    }
}
