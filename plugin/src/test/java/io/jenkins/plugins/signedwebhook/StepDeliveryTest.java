package io.jenkins.plugins.signedwebhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.signedwebhook.core.outbound.OutboundMessage;
import io.jenkins.plugins.signedwebhook.core.outbound.ScriptedSink;
import io.jenkins.plugins.signedwebhook.core.outbound.SecretResolver;
import io.jenkins.plugins.signedwebhook.core.outbound.outbox.FileReceipts;
import io.jenkins.plugins.signedwebhook.core.outbound.policy.UrlPolicy;
import io.jenkins.plugins.signedwebhook.core.outbound.signing.StandardWebhooksVerifier;
import io.jenkins.plugins.signedwebhook.core.outbound.signing.SigningSecret;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StepDeliveryTest {
    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final CallbackLimits GLOBAL = new CallbackLimits(5, 5, 3);
    private static final BuildFacts FACTS =
            new BuildFacts("app-deploy", 42, "https://ci.example/job/app-deploy/42/", null, 1_000, null, null, null, null);
    /** The sink listens on 127.0.0.1, which the default policy refuses; an administrator would allow it like this. */
    private static final UrlPolicy LOCAL = CallbackHosts.policy("127.0.0.1");
    private static final String RUN = "app-deploy#42";
    private static final SecretResolver OUTBOX_SECRETS = reference -> SecretReference.decode(reference)
            .filter(r -> r.credentialsId().equals("deploy-hook"))
            .map(r -> List.of(SigningSecret.of(SECRET)));

    @TempDir
    Path jenkinsHome;

    private final ScriptedSink sink = new ScriptedSink();
    private final List<CallbackSender> senders = new ArrayList<>();
    private final ByteArrayOutputStream logBytes = new ByteArrayOutputStream();
    private final PrintStream log = new PrintStream(logBytes, true, StandardCharsets.UTF_8);

    @AfterEach
    void close() {
        senders.forEach(CallbackSender::close);
        sink.close();
    }

    private CallbackSender sender() throws IOException {
        return sender(GLOBAL, LOCAL);
    }

    private CallbackSender sender(CallbackLimits limits, UrlPolicy policy) throws IOException {
        CallbackSender sender = new CallbackSender(outboxDirectory(), HttpClient::newBuilder, OUTBOX_SECRETS,
                Clock.systemUTC(), limits, policy);
        senders.add(sender);
        return sender;
    }

    private Path outboxDirectory() {
        return jenkinsHome.resolve("signed-webhook/outbox");
    }

    private static StepDelivery delivery(CallbackSender sender) {
        return new StepDelivery(sender, Clock.systemUTC(), new SecureRandom());
    }

    /** What the step does with {@code wait: false}. */
    private NotifyResult queue(CallbackSender sender, NotifyArguments args) throws Exception {
        StepDelivery delivery = delivery(sender);
        return delivery.queue(args, delivery.message(args, FACTS, SECRET, RUN), log);
    }

    /** What the step's start does with {@code wait: true}: the message, stored in the outbox. */
    private OutboundMessage submit(CallbackSender sender, NotifyArguments args) throws Exception {
        StepDelivery delivery = delivery(sender);
        OutboundMessage message = delivery.message(args, FACTS, SECRET, RUN);
        delivery.submit(args, message, log);
        return message;
    }

    /** What the step does once it (again) waits for {@code message}: its outcome, reported. */
    private NotifyResult outcome(CallbackSender sender, OutboundMessage message, NotifyArguments args) throws Exception {
        StepDelivery delivery = delivery(sender);
        NotifyResult result = delivery.outcome(message.id()).get(30, TimeUnit.SECONDS);
        StepDelivery.report(result, args.type(), message.targetForLogs(), args.failOnError(), log);
        return result;
    }

    private NotifyResult sendAndWait(CallbackSender sender, NotifyArguments args) throws Exception {
        return outcome(sender, submit(sender, args), args);
    }

    private NotifyArguments args(Integer retries, boolean wait) {
        return args(null, retries, wait);
    }

    private NotifyArguments args(Integer timeout, Integer retries, boolean wait) {
        return NotifyArguments.of(sink.uri("/hooks/deploy?token=t0ken").toString(), "deploy-hook", null, null,
                Map.of("environment", "production"), timeout, retries, wait, false, LOCAL);
    }

    private List<String> webhookIds() {
        return sink.received().stream().map(received -> received.header("webhook-id")).toList();
    }

    private String log() {
        return logBytes.toString(StandardCharsets.UTF_8);
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (!condition.getAsBoolean()) {
            assertThat(Instant.now()).as("condition met in time").isBefore(deadline);
            Thread.sleep(50);
        }
    }

    @Test
    void waitingDeliversASignedCallbackAndReturnsDelivered() throws Exception {
        sink.answer(ScriptedSink.status(204));

        NotifyResult result = sendAndWait(sender(), args(null, true));

        assertThat(result.toMap()).containsEntry("status", "delivered").containsEntry("attempts", 1)
                .containsEntry("httpStatus", 204);
        ScriptedSink.Received received = sink.received().get(0);
        assertThat(received.header("webhook-id")).isEqualTo(result.id());
        assertThat(new StandardWebhooksVerifier(List.of(SigningSecret.of(SECRET)), Clock.systemUTC())
                .verify(received.header("webhook-id"), received.header("webhook-timestamp"),
                        received.header("webhook-signature"), received.body())
                .verified()).isTrue();
        assertThat(received.header("X-Hub-Signature-256")).startsWith("sha256=");
        assertThat(new String(received.body(), StandardCharsets.UTF_8))
                .contains("\"type\":\"deploy.finished\"").contains("\"job\":\"app-deploy\"")
                .contains("\"environment\":\"production\"");
        assertThat(log()).contains("delivered " + result.id()).contains("127.0.0.1");
    }

    @Test
    void retriesUnderTheSameIdUntilDelivered() throws Exception {
        sink.answer(ScriptedSink.status(503), ScriptedSink.status(200));

        NotifyResult result = sendAndWait(sender(), args(2, true));

        assertThat(result.toMap()).containsEntry("status", "delivered").containsEntry("attempts", 2);
        assertThat(webhookIds()).containsExactly(result.id(), result.id());
    }

    @Test
    void aFailedDeliveryReturnsFailedAndLogsThatTheBuildBecomesUnstable() throws Exception {
        sink.answer(ScriptedSink.status(500));

        NotifyResult result = sendAndWait(sender(), args(0, true));

        assertThat(result.toMap()).containsEntry("status", "failed").containsEntry("attempts", 1)
                .containsEntry("httpStatus", 500);
        assertThat(log()).contains("failed").contains("HTTP 500").contains("UNSTABLE");
    }

    @Test
    void theDefaultUrlPolicyRefusesLoopbackWithoutRetrying() throws Exception {
        NotifyResult result = sendAndWait(sender(GLOBAL, UrlPolicy.defaults()), args(3, true));

        assertThat(result.failed()).isTrue();
        assertThat(result.attempts()).isEqualTo(1);
        assertThat(result.problem()).contains("URL_REFUSED");
        assertThat(sink.received()).isEmpty();
    }

    @Test
    void neitherTheLogNorTheOutboxHoldsTheSecretOrTheUrlsQuery() throws Exception {
        sink.answer(ScriptedSink.status(500), ScriptedSink.status(500));
        CallbackSender sender = sender();

        sendAndWait(sender, args(0, true));
        submit(sender, args(0, true));
        queue(sender, args(null, false));
        // Its threads have ended: no file is being written (a temporary one renamed away) while the tree is read.
        sender.close();

        assertThat(log()).doesNotContain(SECRET).doesNotContain("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw").doesNotContain("t0ken");
        try (Stream<Path> files = Files.walk(jenkinsHome)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                assertThat(Files.readString(file)).as(file.toString()).doesNotContain("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
            }
        }
    }

    @Test
    void aMalformedStandardWebhooksSecretIsNamedByIdOnly() {
        assertThatThrownBy(() -> StepDelivery.signingSecret("deploy-hook", "whsec_not base64!"))
                .hasMessageContaining("credential 'deploy-hook'")
                .hasMessageNotContaining("not base64!");
    }

    @Test
    void queuingReturnsAtOnceAndTheOutboxDeliversInTheBackground() throws Exception {
        sink.answer(ScriptedSink.status(200));

        NotifyResult result = queue(sender(), args(null, false));

        assertThat(result.toMap()).containsEntry("status", "queued").containsEntry("attempts", 0);
        await(() -> !sink.received().isEmpty());
        assertThat(sink.received().get(0).header("webhook-id")).isEqualTo(result.id());
        assertThat(log()).contains("queued " + result.id());
    }

    @Test
    void queuingSaysThatTheStepsRetriesDoNotApply() throws Exception {
        sink.answer(ScriptedSink.status(200));

        queue(sender(), args(1, false));

        assertThat(log()).contains("timeout and retries apply to wait: true");
    }

    @Test
    void aNewDrainOnTheSameJenkinsHomeDeliversAfterARestartWithTheSameId() throws Exception {
        sink.answer(ScriptedSink.status(503), ScriptedSink.status(200));
        CallbackSender before = sender();
        NotifyResult queued = queue(before, args(null, false));
        await(() -> rowsOf(before).stream().anyMatch(row -> row.attempts() == 1));
        before.close();

        CallbackSender after = sender();
        await(() -> {
            drain(after);
            return sink.received().size() == 2;
        });

        assertThat(sink.received()).extracting(r -> r.header("webhook-id")).containsExactly(queued.id(), queued.id());
        await(() -> rowsOf(after).stream().anyMatch(row -> row.lastStatus().equals("delivered")) || outboxEmpty());
    }

    @Test
    void theLogPageListsQueuedCallbacksByHostWithTheirNextRetry() throws Exception {
        sink.answer(ScriptedSink.status(503));
        CallbackSender sender = sender();
        NotifyResult queued = queue(sender, args(null, false));

        await(() -> rowsOf(sender).stream().anyMatch(row -> row.attempts() == 1));

        CallbackRow row = rowsOf(sender).get(0);
        assertThat(row.id()).isEqualTo(queued.id());
        assertThat(row.host()).startsWith("127.0.0.1:");
        assertThat(row.lastStatus()).contains("retrying").contains("HTTP 503");
        assertThat(row.nextRetry()).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d");
    }

    private boolean outboxEmpty() {
        try (Stream<Path> files = Files.list(jenkinsHome.resolve("signed-webhook/outbox"))) {
            return files.noneMatch(f -> f.toString().endsWith(".json"));
        } catch (IOException e) {
            return false;
        }
    }

    private static void drain(CallbackSender sender) {
        try {
            sender.drainOnce();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static List<CallbackRow> rowsOf(CallbackSender sender) {
        try {
            return sender.rows();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void anUnresolvableReferenceIsNotSent() {
        assertThat(OUTBOX_SECRETS.resolve("other-id of run app#1")).isEmpty();
        assertThat(OUTBOX_SECRETS.resolve(new SecretReference("deploy-hook", "app#1").encode()))
                .hasValueSatisfying(list -> assertThat(list).hasSize(1));
    }

    @Test
    void aWaitedCallbackIsInTheOutboxBeforeItsFirstAttempt() throws Exception {
        List<Boolean> storedWhenRequested = new CopyOnWriteArrayList<>();
        sink.answer(exchange -> {
            String id = exchange.getRequestHeaders().getFirst("webhook-id");
            storedWhenRequested.add(Files.exists(outboxDirectory().resolve(id + ".json")));
            ScriptedSink.status(200).accept(exchange);
        });

        NotifyResult result = sendAndWait(sender(), args(null, true));

        assertThat(result.toMap()).containsEntry("status", "delivered");
        assertThat(storedWhenRequested).containsExactly(true);
        // The step is told once the receipt is stored, just before the message leaves the outbox.
        await(this::outboxEmpty);
    }

    @Test
    void aWaitingStepReattachedAfterARestartEndsDeliveredWithTheSameId() throws Exception {
        sink.answer(ScriptedSink.status(503));
        CallbackSender before = sender();
        NotifyArguments args = args(4, true);
        OutboundMessage message = submit(before, args);
        await(() -> rowsOf(before).stream().anyMatch(row -> row.attempts() == 1));
        before.close();
        sink.answer(ScriptedSink.status(200));

        NotifyResult result = outcome(sender(), message, args);

        assertThat(result.toMap()).containsEntry("status", "delivered").containsEntry("attempts", 2)
                .containsEntry("id", message.id()).containsEntry("httpStatus", 200);
        assertThat(webhookIds()).containsExactly(message.id(), message.id());
        assertThat(log()).contains("delivered " + message.id()).contains("in 2 attempt(s)");
    }

    @Test
    void aCallbackGivenUpAfterARestartEndsTheStepFailed() throws Exception {
        sink.answer(ScriptedSink.status(503));
        CallbackSender before = sender();
        NotifyArguments args = args(1, true);
        OutboundMessage message = submit(before, args);
        await(() -> rowsOf(before).stream().anyMatch(row -> row.attempts() == 1));
        before.close();

        NotifyResult result = outcome(sender(), message, args);

        assertThat(result.toMap()).containsEntry("status", "failed").containsEntry("attempts", 2)
                .containsEntry("id", message.id()).containsEntry("httpStatus", 503);
        assertThat(result.problem()).contains("ATTEMPTS_EXHAUSTED");
        assertThat(webhookIds()).containsExactly(message.id(), message.id());
        assertThat(log()).contains(message.id() + " to ").contains("failed").contains("UNSTABLE");
    }

    @Test
    void anOutcomeReachedWhileNobodyWaitedIsFoundAfterTheRestartAndAgainAfterACrashBeforeTheStepWasSaved() throws Exception {
        sink.answer(ScriptedSink.status(202));
        CallbackSender before = sender();
        NotifyArguments args = args(null, true);
        OutboundMessage message = submit(before, args);
        await(() -> !sink.received().isEmpty() && outboxEmpty());
        before.close();

        CallbackSender after = sender();
        NotifyResult result = outcome(after, message, args);

        assertThat(result.toMap()).containsEntry("status", "delivered").containsEntry("attempts", 1)
                .containsEntry("httpStatus", 202);
        after.close();
        NotifyResult again = outcome(sender(), message, args);
        assertThat(again.toMap()).containsEntry("status", "delivered").containsEntry("id", message.id());
    }

    @Test
    void theStepsRetriesStillBoundTheCallbackAfterARestart() throws Exception {
        sink.answer(ScriptedSink.status(503));
        CallbackSender before = sender();
        NotifyArguments args = args(1, true);
        OutboundMessage message = submit(before, args);
        await(() -> rowsOf(before).stream().anyMatch(row -> row.attempts() == 1));
        before.close();

        NotifyResult result = outcome(sender(new CallbackLimits(5, 5, 10), LOCAL), message, args);

        assertThat(result.attempts()).isEqualTo(2);
        assertThat(sink.received()).hasSize(2);
    }

    @Test
    void theStepsTimeoutStillBoundsEachAttemptAfterARestart() throws Exception {
        // The sink holds the second request for 30 s and then answers 200; a 60 s attempt would have been delivered.
        sink.answer(ScriptedSink.status(503), sink.hang());
        CallbackLimits patient = new CallbackLimits(5, 60, 10);
        CallbackSender before = sender(patient, LOCAL);
        NotifyArguments args = args(1, 1, true);
        OutboundMessage message = submit(before, args);
        await(() -> rowsOf(before).stream().anyMatch(row -> row.attempts() == 1));
        before.close();

        NotifyResult result = outcome(sender(patient, LOCAL), message, args);

        assertThat(result.toMap()).containsEntry("status", "failed").containsEntry("attempts", 2);
        assertThat(result.problem()).contains("TIMEOUT");
    }

    @Test
    void closingStopsEveryCallbackThreadAndKeepsWhatWasNotDelivered() throws Exception {
        sink.answer(ScriptedSink.status(503));
        CallbackSender sender = sender();
        OutboundMessage message = submit(sender, args(4, true));
        await(() -> rowsOf(sender).stream().anyMatch(row -> row.attempts() == 1));

        sender.close();

        assertThat(callbackThreads()).isEmpty();
        assertThat(Files.exists(outboxDirectory().resolve(message.id() + ".json"))).isTrue();
        assertThat(Files.exists(outboxDirectory().resolve("receipts").resolve(message.id() + ".json"))).isTrue();
    }

    @Test
    void aGivenUpCallbackWhoseReceiptWasLostIsReportedFromItsDeadLetter() throws Exception {
        sink.answer(ScriptedSink.status(410));
        CallbackSender before = sender();
        NotifyArguments args = args(null, true);
        OutboundMessage message = submit(before, args);
        await(() -> Files.exists(outboxDirectory().resolve("dead").resolve(message.id() + ".json")));
        before.close();
        Files.delete(outboxDirectory().resolve("receipts").resolve(message.id() + ".json"));

        NotifyResult result = outcome(sender(), message, args);

        assertThat(result.toMap()).containsEntry("status", "failed").containsEntry("attempts", 1);
        assertThat(result.problem()).contains("GONE");
    }

    @Test
    void receiptsNoStepCameBackForArePrunedWhenTheSenderOpens() throws Exception {
        Path receipts = Files.createDirectories(outboxDirectory().resolve("receipts"));
        Instant longAgo = Instant.now().minus(Duration.ofDays(8));
        new FileReceipts(receipts).expect("msg_abandoned", longAgo);
        new FileReceipts(receipts).expect("msg_recent", Instant.now());

        sender();

        assertThat(receipts.resolve("msg_abandoned.json")).doesNotExist();
        assertThat(receipts.resolve("msg_recent.json")).exists();
    }

    static List<String> callbackThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .map(Thread::getName)
                .filter(name -> name.startsWith("signed-webhook"))
                .toList();
    }
}
