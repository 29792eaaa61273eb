package io.jenkins.plugins.signedwebhook.core.outbound;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

/** What one attempt came to: a 2xx answer, another answer, or no answer at all. */
public sealed interface AttemptResult {

    boolean succeeded();

    /** The HTTP status, when the receiver answered. */
    OptionalInt status();

    /** Empty for success. */
    Optional<ErrorKind> errorKind();

    /** Empty when another attempt may help (or when it succeeded); otherwise why delivery must stop now. */
    Optional<StopReason> stopsDelivery();

    /** The delay the receiver asked for with {@code Retry-After}, if any. */
    Optional<Duration> retryAfter();

    /** One line for logs and the outbox's last error; never holds a secret. */
    String describe();

    /** The receiver answered 2xx. */
    record Succeeded(int statusCode) implements AttemptResult {
        @Override
        public boolean succeeded() {
            return true;
        }

        @Override
        public OptionalInt status() {
            return OptionalInt.of(statusCode);
        }

        @Override
        public Optional<ErrorKind> errorKind() {
            return Optional.empty();
        }

        @Override
        public Optional<StopReason> stopsDelivery() {
            return Optional.empty();
        }

        @Override
        public Optional<Duration> retryAfter() {
            return Optional.empty();
        }

        @Override
        public String describe() {
            return "HTTP " + statusCode;
        }
    }

    /** The receiver answered with a status other than 2xx. */
    record Answered(int statusCode, Optional<Duration> retryAfter) implements AttemptResult {
        private static final int REQUEST_TIMEOUT = 408;
        private static final int GONE = 410;
        private static final int TOO_MANY_REQUESTS = 429;

        @Override
        public boolean succeeded() {
            return false;
        }

        @Override
        public OptionalInt status() {
            return OptionalInt.of(statusCode);
        }

        @Override
        public Optional<ErrorKind> errorKind() {
            return Optional.of(ErrorKind.HTTP_STATUS);
        }

        @Override
        public Optional<StopReason> stopsDelivery() {
            if (statusCode == GONE) {
                return Optional.of(StopReason.GONE);
            }
            boolean retryable = statusCode == REQUEST_TIMEOUT
                    || statusCode == TOO_MANY_REQUESTS
                    || (statusCode >= 500 && statusCode <= 599);
            return retryable ? Optional.empty() : Optional.of(StopReason.REJECTED);
        }

        @Override
        public String describe() {
            return "HTTP " + statusCode + retryAfter.map(delay -> " (Retry-After " + delay.toSeconds() + "s)").orElse("");
        }
    }

    /** No answer: {@code detail} names the failure (an exception class and message, or the policy's reason). */
    record Failed(ErrorKind kind, String detail) implements AttemptResult {
        @Override
        public boolean succeeded() {
            return false;
        }

        @Override
        public OptionalInt status() {
            return OptionalInt.empty();
        }

        @Override
        public Optional<ErrorKind> errorKind() {
            return Optional.of(kind);
        }

        @Override
        public Optional<StopReason> stopsDelivery() {
            return kind == ErrorKind.URL_REFUSED ? Optional.of(StopReason.URL_REFUSED) : Optional.empty();
        }

        @Override
        public Optional<Duration> retryAfter() {
            return Optional.empty();
        }

        @Override
        public String describe() {
            return kind + ": " + detail;
        }
    }
}
