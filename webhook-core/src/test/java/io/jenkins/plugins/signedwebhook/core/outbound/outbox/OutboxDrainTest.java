package io.jenkins.plugins.signedwebhook.core.outbound.outbox;

import static io.jenkins.plugins.signedwebhook.core.outbound.ScriptedSink.status;
import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.signedwebhook.core.outbound.Attempt;
import io.jenkins.plugins.signedwebhook.core.outbound.Callback;
import io.jenkins.plugins.signedwebhook.core.outbound.CallbackData;
import io.jenkins.plugins.signedwebhook.core.outbound.Dispatcher;
import io.jenkins.plugins.signedwebhook.core.outbound.FixedRandom;
import io.jenkins.plugins.signedwebhook.core.outbound.ManualClock;
import io.jenkins.plugins.signedwebhook.core.outbound.OutboundMessage;
import io.jenkins.plugins.signedwebhook.core.outbound.RetryPolicy;
import io.jenkins.plugins.signedwebhook.core.outbound.ScriptedSink;
import io.jenkins.plugins.signedwebhook.core.outbound.StopReason;
import io.jenkins.plugins.signedwebhook.core.outbound.Timeouts;
import io.jenkins.plugins.signedwebhook.core.outbound.policy.UrlPolicy;
import io.jenkins.plugins.signedwebhook.core.outbound.signing.SigningSecret;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutboxDrainTest {
    private static final Instant START = Instant.parse("2026-11-23T10:00:00Z");
    private static final String SECRET_TEXT = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    @TempDir
    Path directory;

    private final ManualClock clock = new ManualClock(START);
    private final ScriptedSink sink = new ScriptedSink();
    private final List<ExecutorService> executors = new java.util.concurrent.CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        sink.close();
        executors.forEach(ExecutorService::shutdownNow);
    }

    private ExecutorService workers() {
        ExecutorService workers = Executors.newFixedThreadPool(4);
        executors.add(workers);
        return workers;
    }

    private Dispatcher dispatcher(Duration attemptTimeout) {
        return Dispatcher.builder()
                .clock(clock)
                .sleeper(clock.sleeper())
                .random(new FixedRandom(0.5))
                .retryPolicy(new RetryPolicy(3, Duration.ofSeconds(1), Duration.ofSeconds(10), Duration.ofHours(1)))
                .timeouts(new Timeouts(Duration.ofSeconds(5), attemptTimeout))
                .urlPolicy(UrlPolicy.allowing(List.of("127.0.0.1")))
                .secrets(reference -> Optional.of(List.of(SigningSecret.of(SECRET_TEXT))))
                .build();
    }

    private OutboxDrain drain(int maxConcurrency) throws IOException {
        return new OutboxDrain(new FileOutbox(directory), dispatcher(Duration.ofSeconds(5)), workers(), maxConcurrency);
    }

    private OutboundMessage message(String id) {
        Callback callback = new Callback("deploy.finished", id, START, CallbackData.of("app", "SUCCESS"));
        return OutboundMessage.of(callback, sink.uri("/hook"), "deploy-hook-secret");
    }

    private static void finish(List<CompletableFuture<Void>> attempts) {
        CompletableFuture.allOf(attempts.toArray(CompletableFuture[]::new)).orTimeout(20, TimeUnit.SECONDS).join();
    }

    private void awaitRequests(int count) throws InterruptedException {
        for (int i = 0; i < 2000 && sink.received().size() < count; i++) {
            Thread.sleep(5);
        }
        assertThat(sink.received()).hasSize(count);
    }

    @Test
    void persistsAMessageBeforeItsFirstAttempt() throws IOException {
        OutboxDrain drain = drain(1);

        drain.submit(message("msg_a"));

        assertThat(new FileOutbox(directory).pending()).extracting(OutboxRecord::id).containsExactly("msg_a");
        assertThat(sink.received()).isEmpty();
    }

    @Test
    void aWithdrawnSubmissionIsCancelledAndNoLongerAwaited() throws Exception {
        OutboxDrain drain = drain(2);
        CompletableFuture<Settlement> withdrawn = drain.submit(message("msg_a"));
        CompletableFuture<Settlement> kept = drain.submit(message("msg_b"));
        assertThat(drain.awaiting()).isEqualTo(2);

        drain.withdraw("msg_a");
        drain.withdraw("msg_unknown");

        assertThat(withdrawn).isCancelled();
        assertThat(drain.awaiting()).isEqualTo(1);
        // Withdrawing forgets the future only; a record that was stored after all is still delivered.
        finish(drain.runOnce());
        assertThat(kept.get(5, TimeUnit.SECONDS)).isEqualTo(new Settlement.Delivered("msg_b", 1));
        assertThat(drain.awaiting()).isZero();
    }

    @Test
    void theAttemptListenerHearsEachAttemptWithItsDecision() throws Exception {
        sink.answer(status(500), status(200));
        OutboxDrain drain = drain(1);
        List<Attempt> heard = new java.util.concurrent.CopyOnWriteArrayList<>();
        drain.onAttempt(heard::add);
        drain.submit(message("msg_a"));

        finish(drain.runOnce());
        clock.advance(Duration.ofMinutes(15));
        finish(drain.runOnce());

        assertThat(heard).extracting(Attempt::number).containsExactly(1, 2);
        assertThat(heard).extracting(a -> a.decision().delivered()).containsExactly(false, true);
    }

    @Test
    void removesADeliveredMessageAndSettlesIt() throws Exception {
        OutboxDrain drain = drain(1);
        CompletableFuture<Settlement> settled = drain.submit(message("msg_a"));

        finish(drain.runOnce());

        assertThat(settled.get(5, TimeUnit.SECONDS)).isEqualTo(new Settlement.Delivered("msg_a", 1));
        assertThat(new FileOutbox(directory).pending()).isEmpty();
    }

    @Test
    void storesAFailedAttemptAndItsNextDueTime() throws Exception {
        sink.answer(status(500));
        OutboxDrain drain = drain(1);
        drain.submit(message("msg_a"));

        finish(drain.runOnce());

        assertThat(new FileOutbox(directory).pending())
                .containsExactly(new OutboxRecord(message("msg_a"), 1, START.plusMillis(500), Optional.of("HTTP 500")));
    }

    @Test
    void waitsUntilTheScheduledTimeBeforeTheNextAttempt() throws Exception {
        sink.answer(status(500), status(200));
        OutboxDrain drain = drain(1);
        drain.submit(message("msg_a"));
        finish(drain.runOnce());

        assertThat(drain.runOnce()).isEmpty();
        clock.advance(Duration.ofMillis(500));
        finish(drain.runOnce());

        assertThat(sink.received()).hasSize(2);
        assertThat(new FileOutbox(directory).pending()).isEmpty();
    }

    @Test
    void keepsAFinalFailureAsADeadLetterWithTheLastError() throws Exception {
        sink.answer(status(410));
        OutboxDrain drain = drain(1);
        CompletableFuture<Settlement> settled = drain.submit(message("msg_a"));

        finish(drain.runOnce());

        FileOutbox outbox = new FileOutbox(directory);
        DeadLetter letter = new DeadLetter(
                new OutboxRecord(message("msg_a"), 1, START, Optional.of("HTTP 410")), StopReason.GONE);
        assertThat(outbox.pending()).isEmpty();
        assertThat(outbox.deadLetters()).containsExactly(letter);
        assertThat(settled.get(5, TimeUnit.SECONDS)).isEqualTo(new Settlement.DeadLettered(letter));
    }

    @Test
    void deadLettersAMessageWhoseDeadlinePassedWhileTheDrainWasStopped() throws Exception {
        new FileOutbox(directory).add(OutboxRecord.fresh(message("msg_a"), START));
        clock.advance(Duration.ofHours(2));

        finish(drain(1).runOnce());

        assertThat(new FileOutbox(directory).deadLetters()).extracting(DeadLetter::reason)
                .containsExactly(StopReason.DEADLINE_EXCEEDED);
        assertThat(sink.received()).isEmpty();
    }

    @Test
    void resumesAfterARestartWithTheSameWebhookIdAndNothingLost() throws Exception {
        sink.answer(status(500), status(200));
        ExecutorService firstWorkers = workers();
        OutboxDrain first = new OutboxDrain(new FileOutbox(directory), dispatcher(Duration.ofSeconds(5)), firstWorkers, 2);
        first.submit(message("msg_restart"));
        finish(first.runOnce());

        first.close();
        firstWorkers.shutdownNow();
        assertThat(first.runOnce()).isEmpty();
        clock.advance(Duration.ofMillis(500));
        OutboxDrain second = drain(2);
        finish(second.runOnce());

        assertThat(sink.received()).extracting(received -> received.header("webhook-id"))
                .containsExactly("msg_restart", "msg_restart");
        assertThat(sink.maxConcurrentRequests()).isEqualTo(1);
        FileOutbox outbox = new FileOutbox(directory);
        assertThat(outbox.pending()).isEmpty();
        assertThat(outbox.deadLetters()).isEmpty();
    }

    @Test
    void anAttemptInterruptedByShutdownIsMadeAgainAfterTheRestart() throws Exception {
        sink.answer(sink.hang(), status(200));
        ExecutorService firstWorkers = workers();
        OutboxDrain first = new OutboxDrain(new FileOutbox(directory), dispatcher(Duration.ofSeconds(20)), firstWorkers, 1);
        first.submit(message("msg_cut"));
        List<CompletableFuture<Void>> running = first.runOnce();
        awaitRequests(1);

        firstWorkers.shutdownNow();
        assertThat(firstWorkers.awaitTermination(20, TimeUnit.SECONDS)).isTrue();
        finish(running);
        assertThat(new FileOutbox(directory).pending()).extracting(OutboxRecord::attempts).containsExactly(0);
        finish(drain(1).runOnce());

        assertThat(sink.received()).extracting(received -> received.header("webhook-id"))
                .containsExactly("msg_cut", "msg_cut");
        assertThat(new FileOutbox(directory).pending()).isEmpty();
    }

    @Test
    void neverStartsASecondAttemptOfAMessageWhileOneRuns() throws Exception {
        sink.answer(sink.hang(), status(200));
        OutboxDrain drain = new OutboxDrain(new FileOutbox(directory), dispatcher(Duration.ofMillis(500)), workers(), 4);
        drain.submit(message("msg_a"));
        List<CompletableFuture<Void>> running = drain.runOnce();
        awaitRequests(1);

        clock.advance(Duration.ofMinutes(5));
        List<CompletableFuture<Void>> again = drain.runOnce();
        finish(running);

        assertThat(running).hasSize(1);
        assertThat(again).isEmpty();
    }

    @Test
    void runsNoMoreAttemptsAtOnceThanTheBound() throws Exception {
        sink.answer(sink.hang());
        OutboxDrain drain = new OutboxDrain(new FileOutbox(directory), dispatcher(Duration.ofMillis(500)), workers(), 2);
        drain.submit(message("msg_a"));
        drain.submit(message("msg_b"));
        drain.submit(message("msg_c"));

        List<CompletableFuture<Void>> first = drain.runOnce();
        finish(first);

        assertThat(first).hasSize(2);
        assertThat(sink.received()).hasSize(2);
    }

    @Test
    void startedDrainDeliversASubmittedMessageWithoutBeingDriven() throws Exception {
        var scheduler = Executors.newSingleThreadScheduledExecutor();
        executors.add(scheduler);
        OutboxDrain drain = drain(2);
        drain.start(scheduler, Duration.ofMinutes(10));

        Future<Settlement> settled = drain.submit(message("msg_a"));

        assertThat(settled.get(20, TimeUnit.SECONDS).delivered()).isTrue();
        drain.close();
    }

    @Test
    void outboxFilesNeverHoldTheSecret() throws Exception {
        sink.answer(status(500));
        OutboxDrain drain = drain(1);
        drain.submit(message("msg_a"));
        finish(drain.runOnce());

        String stored = Files.readString(directory.resolve("msg_a.json"));
        assertThat(stored).doesNotContain(SECRET_TEXT).doesNotContain("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
        assertThat(new FileOutbox(directory).pending().toString()).doesNotContain("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
    }

    @Test
    void theSettlementListenerIsToldWhileTheMessageIsStillPending() throws Exception {
        OutboxDrain drain = drain(1);
        List<String> heard = new java.util.concurrent.CopyOnWriteArrayList<>();
        drain.beforeSettling((settlement, last) -> heard.add(settlement.id() + " pending="
                + new FileOutbox(directory).find(settlement.id()).isPresent() + " status=" + last.orElseThrow().status()));
        drain.submit(message("msg_a"));

        finish(drain.runOnce());

        assertThat(heard).containsExactly("msg_a pending=true status=OptionalInt[200]");
        assertThat(new FileOutbox(directory).pending()).isEmpty();
    }

    @Test
    void theSettlementListenerHearsMessagesAnEarlierDrainSubmitted() throws Exception {
        sink.answer(status(410));
        new FileOutbox(directory).add(OutboxRecord.fresh(message("msg_old"), START));
        OutboxDrain drain = drain(1);
        List<Settlement> heard = new java.util.concurrent.CopyOnWriteArrayList<>();
        drain.beforeSettling((settlement, last) -> heard.add(settlement));

        finish(drain.runOnce());

        assertThat(heard).singleElement().satisfies(settlement -> {
            assertThat(settlement.id()).isEqualTo("msg_old");
            assertThat(settlement.delivered()).isFalse();
        });
    }

    @Test
    void aDeliveredMessageIsSettledOnceEvenWhenTheSettlementListenerFails() throws Exception {
        OutboxDrain drain = drain(1);
        drain.beforeSettling((settlement, last) -> {
            throw new IOException("disk full");
        });
        CompletableFuture<Settlement> settled = drain.submit(message("msg_a"));

        finish(drain.runOnce());
        clock.advance(Duration.ofMinutes(5));
        finish(drain.runOnce());

        assertThat(new FileOutbox(directory).pending()).isEmpty();
        assertThat(settled).isCompletedWithValueMatching(Settlement::delivered);
        assertThat(sink.received()).hasSize(1);
    }

    @Test
    void aNewDispatcherNeverOverlapsAnAttemptTheOldOneIsMaking() throws Exception {
        sink.answer(sink.hang(), status(200));
        OutboxDrain drain = new OutboxDrain(new FileOutbox(directory), dispatcher(Duration.ofMillis(500)), workers(), 4);
        drain.submit(message("msg_a"));
        List<CompletableFuture<Void>> running = drain.runOnce();
        awaitRequests(1);

        drain.use(dispatcher(Duration.ofSeconds(5)));
        clock.advance(Duration.ofMinutes(5));
        List<CompletableFuture<Void>> again = drain.runOnce();
        finish(running);
        clock.advance(Duration.ofMinutes(5));
        finish(drain.runOnce());

        assertThat(again).isEmpty();
        assertThat(sink.received()).extracting(received -> received.header("webhook-id")).containsExactly("msg_a", "msg_a");
        assertThat(new FileOutbox(directory).pending()).isEmpty();
    }
}
