package io.jenkins.plugins.signedwebhook.core.outbound;

import io.jenkins.plugins.signedwebhook.core.outbound.policy.HostResolver;
import io.jenkins.plugins.signedwebhook.core.outbound.policy.UrlDecision;
import io.jenkins.plugins.signedwebhook.core.outbound.policy.UrlPolicy;
import io.jenkins.plugins.signedwebhook.core.outbound.signing.SignatureHeaders;
import io.jenkins.plugins.signedwebhook.core.outbound.signing.SigningSecret;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.random.RandomGenerator;

/**
 * Sends callbacks: one signed HTTP POST per attempt, retried by the {@link RetryPolicy}, every attempt recorded.
 * Thread-safe; one instance serves many messages.
 *
 * <pre>{@code
 * Dispatcher dispatcher = Dispatcher.builder()
 *         .httpClient(ProxyConfiguration.newHttpClientBuilder())   // or HttpClient.newBuilder()
 *         .secrets(reference -> credentials.lookup(reference))
 *         .urlPolicy(UrlPolicy.allowing(adminAllowList))
 *         .build();
 * DeliveryResult result = dispatcher.deliver(OutboundMessage.of(callback, uri, "deploy-hook-secret"));
 * }</pre>
 */
public final class Dispatcher {
    private static final Logger LOGGER = Logger.getLogger(Dispatcher.class.getName());
    /** Time granted beyond the request timeout for the body to be discarded before the attempt is abandoned. */
    private static final Duration BODY_GRACE = Duration.ofSeconds(1);

    private final HttpClient client;
    private final Clock clock;
    private final Sleeper sleeper;
    private final RandomGenerator random;
    private final RetryPolicy retryPolicy;
    private final Timeouts timeouts;
    private final UrlPolicy urlPolicy;
    private final HostResolver resolver;
    private final SecretResolver secrets;
    private final String userAgent;

    private Dispatcher(Builder builder) {
        this.clock = builder.clock;
        this.sleeper = builder.sleeper;
        this.random = builder.random;
        this.retryPolicy = builder.retryPolicy;
        this.timeouts = builder.timeouts;
        this.urlPolicy = builder.urlPolicy;
        this.resolver = builder.resolver;
        this.secrets = builder.secrets;
        this.userAgent = "signed-webhook/" + builder.version;
        this.client = builder.httpClient
                .connectTimeout(timeouts.connect())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Ends the HTTP client's own threads (its selector) and its requests, where the Java runtime can:
     * {@code HttpClient.shutdownNow()} exists from Java 21; on Java 17 they end when the client is collected.
     */
    public void shutdownNow() {
        try {
            HttpClient.class.getMethod("shutdownNow").invoke(client);
        } catch (NoSuchMethodException olderJava) {
            LOGGER.log(Level.FINE, "HttpClient.shutdownNow() needs Java 21; the client's selector ends when it is collected");
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOGGER.log(Level.FINE, "could not shut the HTTP client down", e);
        }
    }

    public Clock clock() {
        return clock;
    }

    public RetryPolicy retryPolicy() {
        return retryPolicy;
    }

    /** Sends {@code message} until it is delivered or delivery stops, waiting between attempts with the sleeper. */
    public DeliveryResult deliver(OutboundMessage message) throws InterruptedException {
        List<Attempt> attempts = new ArrayList<>();
        for (int number = 1; ; number++) {
            if (expired(message)) {
                return new DeliveryResult.GaveUp(message.id(), StopReason.DEADLINE_EXCEEDED, attempts);
            }
            Attempt attempt = attempt(message, number);
            attempts.add(attempt);
            RetryDecision decision = attempt.decision();
            if (decision.delivered()) {
                return new DeliveryResult.Delivered(message.id(), attempts);
            }
            if (decision.stopReason().isPresent()) {
                return new DeliveryResult.GaveUp(message.id(), decision.stopReason().get(), attempts);
            }
            Duration wait = Duration.between(clock.instant(), decision.nextAttemptAt().orElseThrow());
            if (!wait.isNegative() && !wait.isZero()) {
                sleeper.sleep(wait);
            }
        }
    }

    /** True when no further attempt of {@code message} may start. */
    public boolean expired(OutboundMessage message) {
        return !clock.instant().isBefore(retryPolicy.deadlineFor(message.createdAt()));
    }

    /**
     * Makes attempt {@code number} (1-based) of {@code message} now: checks the URL policy on the resolved
     * addresses, resolves the secrets, signs, sends, and decides what follows.
     *
     * @throws InterruptedException if the thread was interrupted; the attempt is then not recorded
     */
    public Attempt attempt(OutboundMessage message, int number) throws InterruptedException {
        Instant startedAt = clock.instant();
        AttemptResult result = send(message, startedAt);
        Instant endedAt = clock.instant();
        RetryDecision decision =
                message.limits().lower(retryPolicy).decide(number, result, message.createdAt(), endedAt, random);
        Attempt attempt = new Attempt(number, startedAt, Duration.between(startedAt, endedAt), result, decision);
        log(message, attempt);
        return attempt;
    }

    private AttemptResult send(OutboundMessage message, Instant startedAt) throws InterruptedException {
        // Checked right before every attempt; see docs/callbacks.md for the window this leaves to DNS rebinding.
        Optional<UrlDecision.Refused> refusal = urlPolicy.check(message.target(), resolver).refusal();
        if (refusal.isPresent()) {
            UrlDecision.Refused refused = refusal.get();
            ErrorKind kind = refused.retryable() ? ErrorKind.CONNECT_FAILED : ErrorKind.URL_REFUSED;
            return new AttemptResult.Failed(kind, refused.reason() + ": " + refused.detail());
        }
        List<SigningSecret> keys = List.of();
        if (message.secretReference() != null) {
            Optional<List<SigningSecret>> resolved = secrets.resolve(message.secretReference());
            if (resolved.isEmpty() || resolved.get().isEmpty()) {
                return new AttemptResult.Failed(
                        ErrorKind.SECRET_UNAVAILABLE, "secret reference '" + message.secretReference() + "' did not resolve");
            }
            keys = resolved.get();
        }
        byte[] body = message.bodyBytes();
        Duration timeout = attemptTimeout(message, startedAt);
        HttpRequest.Builder request = HttpRequest.newBuilder(message.target())
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("User-Agent", userAgent)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (isPlainHttp(message.target())) {
            request.version(HttpClient.Version.HTTP_1_1);
        }
        SignatureHeaders.sign(message.id(), startedAt, body, keys).asMap().forEach(request::header);
        CompletableFuture<HttpResponse<Void>> exchange =
                client.sendAsync(request.build(), HttpResponse.BodyHandlers.discarding());
        try {
            HttpResponse<Void> response = exchange.get(timeout.plus(BODY_GRACE).toMillis(), TimeUnit.MILLISECONDS);
            int status = response.statusCode();
            if (status >= 200 && status <= 299) {
                return new AttemptResult.Succeeded(status);
            }
            Optional<Duration> retryAfter =
                    RetryAfter.parse(response.headers().firstValue("Retry-After").orElse(null), clock.instant());
            return new AttemptResult.Answered(status, retryAfter);
        } catch (TimeoutException e) {
            exchange.cancel(true);
            return new AttemptResult.Failed(ErrorKind.TIMEOUT, "no complete answer within " + timeout.toMillis() + " ms");
        } catch (InterruptedException e) {
            exchange.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            return failure(e.getCause() == null ? e : e.getCause());
        }
    }

    /**
     * Over {@code http://} the client's HTTP/2 default means an h2c upgrade ({@code Upgrade}, {@code HTTP2-Settings}),
     * which proxies and many servers refuse; over {@code https://} the client's version stands, negotiated by ALPN.
     */
    private static boolean isPlainHttp(URI target) {
        return "http".equalsIgnoreCase(target.getScheme());
    }

    private Duration attemptTimeout(OutboundMessage message, Instant now) {
        Duration limit = message.limits().lower(timeouts).attempt();
        Duration remaining = Duration.between(now, retryPolicy.deadlineFor(message.createdAt()));
        if (remaining.compareTo(limit) >= 0) {
            return limit;
        }
        return remaining.compareTo(Duration.ofMillis(1)) < 0 ? Duration.ofMillis(1) : remaining;
    }

    private static AttemptResult failure(Throwable cause) {
        String detail = cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
        if (cause instanceof HttpConnectTimeoutException || cause instanceof HttpTimeoutException) {
            return new AttemptResult.Failed(ErrorKind.TIMEOUT, detail);
        }
        if (cause instanceof ConnectException
                || cause instanceof UnknownHostException
                || cause instanceof UnresolvedAddressException
                || cause.getCause() instanceof ConnectException) {
            return new AttemptResult.Failed(ErrorKind.CONNECT_FAILED, detail);
        }
        return new AttemptResult.Failed(ErrorKind.IO_ERROR, detail);
    }

    private static void log(OutboundMessage message, Attempt attempt) {
        Level level = attempt.result().succeeded() ? Level.FINE : Level.INFO;
        if (LOGGER.isLoggable(level)) {
            LOGGER.log(level, "Callback {0} attempt {1} to {2}: {3}; {4}", new Object[] {
                message.id(),
                attempt.number(),
                message.targetForLogs(),
                attempt.result().describe(),
                attempt.decision()
            });
        }
    }

    @Override
    public String toString() {
        return "Dispatcher[" + userAgent + ", " + retryPolicy + ", " + timeouts + "]";
    }

    /** Every setting has a safe default; only {@code secrets} is usually needed. */
    public static final class Builder {
        private HttpClient.Builder httpClient = HttpClient.newBuilder();
        private Clock clock = Clock.systemUTC();
        private Sleeper sleeper = Sleeper.system();
        private RandomGenerator random = new SecureRandom();
        private RetryPolicy retryPolicy = RetryPolicy.defaults();
        private Timeouts timeouts = Timeouts.defaults();
        private UrlPolicy urlPolicy = UrlPolicy.defaults();
        private HostResolver resolver = HostResolver.system();
        private SecretResolver secrets = SecretResolver.none();
        private String version = Optional.ofNullable(Dispatcher.class.getPackage().getImplementationVersion())
                .orElse("dev");

        private Builder() {}

        /** The client to configure; connect timeout and redirect policy are set on it by the dispatcher. */
        public Builder httpClient(HttpClient.Builder value) {
            this.httpClient = Objects.requireNonNull(value, "httpClient");
            return this;
        }

        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        public Builder sleeper(Sleeper value) {
            this.sleeper = Objects.requireNonNull(value, "sleeper");
            return this;
        }

        /** The source of backoff jitter. */
        public Builder random(RandomGenerator value) {
            this.random = Objects.requireNonNull(value, "random");
            return this;
        }

        public Builder retryPolicy(RetryPolicy value) {
            this.retryPolicy = Objects.requireNonNull(value, "retryPolicy");
            return this;
        }

        public Builder timeouts(Timeouts value) {
            this.timeouts = Objects.requireNonNull(value, "timeouts");
            return this;
        }

        public Builder urlPolicy(UrlPolicy value) {
            this.urlPolicy = Objects.requireNonNull(value, "urlPolicy");
            return this;
        }

        public Builder resolver(HostResolver value) {
            this.resolver = Objects.requireNonNull(value, "resolver");
            return this;
        }

        public Builder secrets(SecretResolver value) {
            this.secrets = Objects.requireNonNull(value, "secrets");
            return this;
        }

        /** The version in {@code User-Agent: signed-webhook/<version>}. */
        public Builder version(String value) {
            this.version = Objects.requireNonNull(value, "version");
            return this;
        }

        public Dispatcher build() {
            return new Dispatcher(this);
        }
    }
}
