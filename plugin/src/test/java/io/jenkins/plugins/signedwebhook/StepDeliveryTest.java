package io.jenkins.plugins.signedwebhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.signedwebhook.core.outbound.ScriptedSink;
import io.jenkins.plugins.signedwebhook.core.outbound.SecretResolver;
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
        CallbackSender sender = new CallbackSender(jenkinsHome.resolve("signed-webhook/outbox"), HttpClient::newBuilder,
                OUTBOX_SECRETS, Clock.systemUTC(), GLOBAL, LOCAL);
        senders.add(sender);
        return sender;
    }

    private NotifyResult send(CallbackSender sender, NotifyArguments args) throws Exception {
        return new StepDelivery(sender, Clock.systemUTC(), new SecureRandom())
                .send(args, FACTS, SECRET, "app-deploy#42", LOCAL, GLOBAL, log);
    }

    private NotifyArguments args(Integer retries, boolean wait) {
        return NotifyArguments.of(sink.uri("/hooks/deploy?token=t0ken").toString(), "deploy-hook", null, null,
                Map.of("environment", "production"), null, retries, wait, false);
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

        NotifyResult result = send(sender(), args(null, true));

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

        NotifyResult result = send(sender(), args(2, true));

        assertThat(result.attempts()).isEqualTo(2);
        assertThat(sink.received()).extracting(r -> r.header("webhook-id")).containsOnly(result.id());
    }

    @Test
    void aFailedDeliveryReturnsFailedAndLogsThatTheBuildBecomesUnstable() throws Exception {
        sink.answer(ScriptedSink.status(500));

        NotifyResult result = send(sender(), args(0, true));

        assertThat(result.toMap()).containsEntry("status", "failed").containsEntry("attempts", 1)
                .containsEntry("httpStatus", 500);
        assertThat(log()).contains("failed").contains("HTTP 500").contains("UNSTABLE");
    }

    @Test
    void theDefaultUrlPolicyRefusesLoopbackWithoutRetrying() throws Exception {
        NotifyResult result = new StepDelivery(sender(), Clock.systemUTC(), new SecureRandom())
                .send(args(3, true), FACTS, SECRET, "app-deploy#42", UrlPolicy.defaults(), GLOBAL, log);

        assertThat(result.failed()).isTrue();
        assertThat(result.attempts()).isEqualTo(1);
        assertThat(result.problem()).contains("URL_REFUSED");
        assertThat(sink.received()).isEmpty();
    }

    @Test
    void neitherTheLogNorTheOutboxHoldsTheSecretOrTheUrlsQuery() throws Exception {
        sink.answer(ScriptedSink.status(500), ScriptedSink.status(500));
        CallbackSender sender = sender();

        send(sender, args(0, true));
        send(sender, args(null, false));

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

        NotifyResult result = send(sender(), args(null, false));

        assertThat(result.toMap()).containsEntry("status", "queued").containsEntry("attempts", 0);
        await(() -> !sink.received().isEmpty());
        assertThat(sink.received().get(0).header("webhook-id")).isEqualTo(result.id());
        assertThat(log()).contains("queued " + result.id());
    }

    @Test
    void queuingSaysThatTheStepsRetriesDoNotApply() throws Exception {
        sink.answer(ScriptedSink.status(200));

        send(sender(), args(1, false));

        assertThat(log()).contains("timeout and retries apply to wait: true");
    }

    @Test
    void aNewDrainOnTheSameJenkinsHomeDeliversAfterARestartWithTheSameId() throws Exception {
        sink.answer(ScriptedSink.status(503), ScriptedSink.status(200));
        CallbackSender before = sender();
        NotifyResult queued = send(before, args(null, false));
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
        NotifyResult queued = send(sender, args(null, false));

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
}
