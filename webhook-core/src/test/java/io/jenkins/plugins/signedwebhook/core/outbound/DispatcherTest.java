package io.jenkins.plugins.signedwebhook.core.outbound;

import static io.jenkins.plugins.signedwebhook.core.outbound.ScriptedSink.status;
import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.signedwebhook.core.outbound.policy.UrlPolicy;
import io.jenkins.plugins.signedwebhook.core.outbound.signing.GitHubSignature;
import io.jenkins.plugins.signedwebhook.core.outbound.signing.StandardWebhooksVerifier;
import io.jenkins.plugins.signedwebhook.core.outbound.signing.SigningSecret;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DispatcherTest {
    private static final Instant START = Instant.parse("2026-11-23T10:00:00Z");
    private static final String SECRET_TEXT = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final String SECRET_REF = "deploy-hook-secret";
    private static final UrlPolicy LOOPBACK_ALLOWED = UrlPolicy.allowing(List.of("127.0.0.1"));
    private static final RetryPolicy RETRY =
            new RetryPolicy(4, Duration.ofSeconds(1), Duration.ofSeconds(10), Duration.ofHours(1));

    private final ManualClock clock = new ManualClock(START);
    private final ScriptedSink sink = new ScriptedSink();

    @AfterEach
    void stopSink() {
        sink.close();
    }

    private Dispatcher.Builder dispatcher() {
        return Dispatcher.builder()
                .clock(clock)
                .sleeper(clock.sleeper())
                .random(new FixedRandom(0.5))
                .retryPolicy(RETRY)
                .timeouts(new Timeouts(Duration.ofSeconds(5), Duration.ofSeconds(5)))
                .urlPolicy(LOOPBACK_ALLOWED)
                .secrets(reference -> reference.equals(SECRET_REF)
                        ? Optional.of(List.of(SigningSecret.of(SECRET_TEXT)))
                        : Optional.empty())
                .version("1.2.3");
    }

    private OutboundMessage message(URI target) {
        Callback callback = new Callback(
                "deploy.finished", "msg_dispatcherTest1", START, CallbackData.of("app-deploy", "SUCCESS").withBuild(42));
        return OutboundMessage.of(callback, target, SECRET_REF);
    }

    private static List<OptionalInt> statuses(DeliveryResult result) {
        return result.attempts().stream().map(Attempt::status).toList();
    }

    @Test
    void deliversOnTheFirst200() throws Exception {
        sink.answer(status(200));

        DeliveryResult result = dispatcher().build().deliver(message(sink.uri("/hook")));

        assertThat(result).isInstanceOf(DeliveryResult.Delivered.class);
        assertThat(statuses(result)).containsExactly(OptionalInt.of(200));
        assertThat(clock.sleeps()).isEmpty();
    }

    @Test
    void retriesAfter500AndDeliversOnTheNext200() throws Exception {
        sink.answer(status(500), status(200));

        DeliveryResult result = dispatcher().build().deliver(message(sink.uri("/hook")));

        assertThat(result.delivered()).isTrue();
        assertThat(statuses(result)).containsExactly(OptionalInt.of(500), OptionalInt.of(200));
        assertThat(result.attempts().get(0).errorKind()).contains(ErrorKind.HTTP_STATUS);
        assertThat(result.attempts().get(0).nextAttemptAt()).contains(START.plusMillis(500));
        assertThat(result.attempts().get(1).startedAt()).isEqualTo(START.plusMillis(500));
        assertThat(clock.sleeps()).containsExactly(Duration.ofMillis(500));
    }

    @Test
    void backsOffExponentiallyWithJitter() throws Exception {
        sink.answer(status(502), status(503), status(504), status(200));

        DeliveryResult result = dispatcher().build().deliver(message(sink.uri("/hook")));

        assertThat(result.delivered()).isTrue();
        assertThat(clock.sleeps()).containsExactly(Duration.ofMillis(500), Duration.ofMillis(1000), Duration.ofMillis(2000));
    }

    @Test
    void waitsAsLongAsRetryAfterSecondsSays() throws Exception {
        sink.answer(status(429, Map.of("Retry-After", "7")), status(200));

        DeliveryResult result = dispatcher().build().deliver(message(sink.uri("/hook")));

        assertThat(statuses(result)).containsExactly(OptionalInt.of(429), OptionalInt.of(200));
        assertThat(clock.sleeps()).containsExactly(Duration.ofSeconds(7));
    }

    @Test
    void waitsUntilARetryAfterHttpDate() throws Exception {
        String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(START.plusSeconds(8).atOffset(ZoneOffset.UTC));
        sink.answer(status(503, Map.of("Retry-After", date)), status(200));

        dispatcher().build().deliver(message(sink.uri("/hook")));

        assertThat(clock.sleeps()).containsExactly(Duration.ofSeconds(8));
    }

    @Test
    void waitsNoLongerThanTheCapWhateverRetryAfterSays() throws Exception {
        sink.answer(status(429, Map.of("Retry-After", "86400")), status(200));

        dispatcher().build().deliver(message(sink.uri("/hook")));

        assertThat(clock.sleeps()).containsExactly(Duration.ofSeconds(10));
    }

    @Test
    void stopsForGoodOn410() throws Exception {
        sink.answer(status(410));

        DeliveryResult result = dispatcher().build().deliver(message(sink.uri("/hook")));

        assertThat(result).isEqualTo(new DeliveryResult.GaveUp("msg_dispatcherTest1", StopReason.GONE, result.attempts()));
        assertThat(sink.received()).hasSize(1);
    }

    @Test
    void doesNotRetryAClientError() throws Exception {
        sink.answer(status(404));

        DeliveryResult result = dispatcher().build().deliver(message(sink.uri("/hook")));

        assertThat(result).isInstanceOfSatisfying(
                DeliveryResult.GaveUp.class, gaveUp -> assertThat(gaveUp.reason()).isEqualTo(StopReason.REJECTED));
        assertThat(sink.received()).hasSize(1);
    }

    @Test
    void retries408() throws Exception {
        sink.answer(status(408), status(200));

        assertThat(statuses(dispatcher().build().deliver(message(sink.uri("/hook")))))
                .containsExactly(OptionalInt.of(408), OptionalInt.of(200));
    }

    @Test
    void doesNotFollowRedirects() throws Exception {
        sink.answer(status(302, Map.of("Location", "/elsewhere")));

        DeliveryResult result = dispatcher().build().deliver(message(sink.uri("/hook")));

        assertThat(result).isInstanceOfSatisfying(
                DeliveryResult.GaveUp.class, gaveUp -> assertThat(gaveUp.reason()).isEqualTo(StopReason.REJECTED));
        assertThat(statuses(result)).containsExactly(OptionalInt.of(302));
        assertThat(sink.received()).extracting(ScriptedSink.Received::path).containsExactly("/hook");
    }

    @Test
    void timesOutASlowReceiverAndRetries() throws Exception {
        sink.answer(sink.hang(), status(200));
        Dispatcher dispatcher = dispatcher()
                .timeouts(new Timeouts(Duration.ofSeconds(5), Duration.ofMillis(300)))
                .build();

        DeliveryResult result = dispatcher.deliver(message(sink.uri("/hook")));

        assertThat(result.delivered()).isTrue();
        assertThat(result.attempts()).extracting(Attempt::errorKind)
                .containsExactly(Optional.of(ErrorKind.TIMEOUT), Optional.empty());
        assertThat(clock.sleeps()).containsExactly(Duration.ofMillis(500));
    }

    @Test
    void retriesARefusedConnectionUntilTheAttemptsRunOut() throws Exception {
        URI closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            closedPort = URI.create("http://127.0.0.1:" + socket.getLocalPort() + "/hook");
        }

        DeliveryResult result = dispatcher().build().deliver(message(closedPort));

        assertThat(result).isInstanceOfSatisfying(DeliveryResult.GaveUp.class,
                gaveUp -> assertThat(gaveUp.reason()).isEqualTo(StopReason.ATTEMPTS_EXHAUSTED));
        assertThat(result.attempts()).extracting(Attempt::errorKind).containsOnly(Optional.of(ErrorKind.CONNECT_FAILED));
        assertThat(result.attempts()).hasSize(4);
        assertThat(clock.sleeps()).containsExactly(Duration.ofMillis(500), Duration.ofMillis(1000), Duration.ofMillis(2000));
    }

    @Test
    void defaultPolicyRefusesLoopbackWithoutSending() throws Exception {
        DeliveryResult result = dispatcher().urlPolicy(UrlPolicy.defaults()).build().deliver(message(sink.uri("/hook")));

        assertThat(result).isInstanceOfSatisfying(DeliveryResult.GaveUp.class,
                gaveUp -> assertThat(gaveUp.reason()).isEqualTo(StopReason.URL_REFUSED));
        assertThat(result.attempts()).extracting(Attempt::errorKind).containsExactly(Optional.of(ErrorKind.URL_REFUSED));
        assertThat(sink.received()).isEmpty();
    }

    @Test
    void givesUpWhenTheNextAttemptWouldMissTheDeadline() throws Exception {
        sink.answer(status(500));
        Dispatcher dispatcher = dispatcher()
                .retryPolicy(new RetryPolicy(10, Duration.ofSeconds(1), Duration.ofSeconds(10), Duration.ofSeconds(1)))
                .build();

        DeliveryResult result = dispatcher.deliver(message(sink.uri("/hook")));

        assertThat(result).isInstanceOfSatisfying(DeliveryResult.GaveUp.class,
                gaveUp -> assertThat(gaveUp.reason()).isEqualTo(StopReason.DEADLINE_EXCEEDED));
        assertThat(result.attempts()).hasSize(2);
    }

    @Test
    void sendsTheSameWebhookIdAndBodyOnEveryAttempt() throws Exception {
        sink.answer(status(500), status(503), status(200));

        dispatcher().build().deliver(message(sink.uri("/hook")));

        assertThat(sink.received()).extracting(received -> received.header("webhook-id"))
                .containsExactly("msg_dispatcherTest1", "msg_dispatcherTest1", "msg_dispatcherTest1");
        assertThat(sink.received()).extracting(received -> new String(received.body(), java.nio.charset.StandardCharsets.UTF_8))
                .containsOnly(message(sink.uri("/hook")).body());
    }

    @Test
    void signsEachAttemptWithItsOwnTimestampInBothSchemes() throws Exception {
        sink.answer(status(500), status(200));

        dispatcher().build().deliver(message(sink.uri("/hook")));

        ScriptedSink.Received retry = sink.received().get(1);
        assertThat(retry.header("webhook-timestamp")).isEqualTo(Long.toString(START.plusMillis(500).getEpochSecond()));
        var verifier = new StandardWebhooksVerifier(List.of(SigningSecret.of(SECRET_TEXT)), clock);
        assertThat(verifier.verify(
                        retry.header("webhook-id"), retry.header("webhook-timestamp"), retry.header("webhook-signature"), retry.body())
                .verified()).isTrue();
        assertThat(retry.header("X-Hub-Signature-256")).isEqualTo(GitHubSignature.sign(SigningSecret.of(SECRET_TEXT), retry.body()));
    }

    @Test
    void sendsAJsonPostWithOurUserAgent() throws Exception {
        dispatcher().build().deliver(message(sink.uri("/hook")));

        ScriptedSink.Received request = sink.received().get(0);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.header("Content-Type")).isEqualTo("application/json");
        assertThat(request.header("User-Agent")).isEqualTo("signed-webhook/1.2.3");
    }

    @Test
    void sendsAnUnsignedMessageWithIdButWithoutSignatures() throws Exception {
        OutboundMessage unsigned = new OutboundMessage("msg_unsigned", sink.uri("/hook"), "{}", null, START);

        dispatcher().build().deliver(unsigned);

        ScriptedSink.Received request = sink.received().get(0);
        assertThat(request.header("webhook-id")).isEqualTo("msg_unsigned");
        assertThat(request.header("webhook-signature")).isNull();
        assertThat(request.header("X-Hub-Signature-256")).isNull();
    }

    @Test
    void recordsAnUnresolvableSecretAndRetriesWithoutSending() throws Exception {
        DeliveryResult result = dispatcher().secrets(SecretResolver.none()).build().deliver(message(sink.uri("/hook")));

        assertThat(result.attempts()).extracting(Attempt::errorKind).containsOnly(Optional.of(ErrorKind.SECRET_UNAVAILABLE));
        assertThat(result.attempts()).hasSize(4);
        assertThat(sink.received()).isEmpty();
    }

    @Test
    void secretNeverAppearsInOutcomesOrLogs() throws Exception {
        sink.answer(status(500), status(404));
        List<String> logged = new CopyOnWriteArrayList<>();
        Logger logger = Logger.getLogger(Dispatcher.class.getName());
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                logged.add(new SimpleFormatter().formatMessage(record));
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        Level previous = logger.getLevel();
        logger.setLevel(Level.ALL);
        logger.addHandler(capture);
        try {
            Dispatcher dispatcher = dispatcher().build();
            DeliveryResult result = dispatcher.deliver(message(sink.uri("/hook")));

            String everything = result + " " + dispatcher + " " + message(sink.uri("/hook")) + " " + logged;
            assertThat(logged).isNotEmpty();
            assertThat(everything).doesNotContain(SECRET_TEXT).doesNotContain("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
        } finally {
            logger.removeHandler(capture);
            logger.setLevel(previous);
        }
    }

    @Test
    void usesTheHttpClientBuilderItIsGiven() throws Exception {
        java.util.concurrent.atomic.AtomicBoolean used = new java.util.concurrent.atomic.AtomicBoolean();
        java.net.http.HttpClient.Builder builder = java.net.http.HttpClient.newBuilder().executor(task -> {
            used.set(true);
            task.run();
        });

        dispatcher().httpClient(builder).build().deliver(message(sink.uri("/hook")));

        assertThat(used).isTrue();
    }

    @Test
    void messageToStringHidesTheQueryWhichMayHoldAToken() throws IOException {
        OutboundMessage message = message(URI.create("https://hooks.example.com/deploy?token=abc123"));

        assertThat(message.toString()).doesNotContain("abc123").contains("https://hooks.example.com/deploy");
    }

    @Test
    void speaksHttp11OverPlainHttpWithoutAnH2cUpgrade() throws Exception {
        sink.answer(status(200));

        dispatcher().httpClient(java.net.http.HttpClient.newBuilder()).build().deliver(message(sink.uri("/hook")));

        ScriptedSink.Received received = sink.received().get(0);
        assertThat(received.header("Upgrade")).isNull();
        assertThat(received.header("HTTP2-Settings")).isNull();
        assertThat(String.valueOf(received.header("Connection"))).doesNotContainIgnoringCase("upgrade");
    }

    @Test
    void aMessagesOwnAttemptLimitLowersTheRetryPolicy() throws Exception {
        sink.answer(status(503));

        DeliveryResult result = dispatcher().build()
                .deliver(message(sink.uri("/hook")).withLimits(DeliveryLimits.of(2, null)));

        assertThat(result).isInstanceOfSatisfying(DeliveryResult.GaveUp.class,
                gaveUp -> assertThat(gaveUp.reason()).isEqualTo(StopReason.ATTEMPTS_EXHAUSTED));
        assertThat(statuses(result)).containsExactly(OptionalInt.of(503), OptionalInt.of(503));
    }

    @Test
    void aMessagesOwnAttemptLimitNeverRaisesTheRetryPolicy() throws Exception {
        sink.answer(status(503));

        DeliveryResult result = dispatcher().build()
                .deliver(message(sink.uri("/hook")).withLimits(DeliveryLimits.of(RETRY.maxAttempts() + 5, null)));

        assertThat(result.attempts()).hasSize(RETRY.maxAttempts());
    }

    @Test
    void aMessagesOwnAttemptTimeoutShortensEachAttempt() throws Exception {
        sink.answer(sink.hang(), status(200));
        // The sink answers a held request after 30 s, so without the message's limit the first attempt would succeed.
        Dispatcher dispatcher = dispatcher().timeouts(new Timeouts(Duration.ofSeconds(5), Duration.ofSeconds(60))).build();

        DeliveryResult result = dispatcher
                .deliver(message(sink.uri("/hook")).withLimits(DeliveryLimits.of(null, Duration.ofMillis(300))));

        assertThat(result.attempts()).extracting(Attempt::errorKind)
                .containsExactly(Optional.of(ErrorKind.TIMEOUT), Optional.empty());
    }
}
