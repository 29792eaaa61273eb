package io.jenkins.plugins.signedwebhook.core.inbound;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The outcome of one delivery, one record per row of the answers table in design.md (and {@link Unavailable}, an
 * addition documented in docs/answers.md). Each case knows its HTTP status,
 * its {@code result} word and what it adds to the JSON answer.
 */
public sealed interface Verdict {

    int status();

    /** The {@code result} field of the JSON answer; stable, documented in docs/answers.md. */
    String result();

    /** One sentence for the sender; never names a secret or a job the signature does not cover. */
    String message();

    /** Fields beyond {@code result}, {@code message} and {@code delivery}. */
    default void writeDetails(JsonGenerator json) throws IOException {}

    /** Response headers this case adds. */
    default Map<String, String> headers() {
        return Map.of();
    }

    /** Whether a signature was checked and failed: the client's rate limit counts these, and only these. */
    default boolean failedVerification() {
        return false;
    }

    record Pong() implements Verdict {
        public int status() { return 200; }
        public String result() { return "pong"; }
        public String message() { return "signature verified; the webhook is set up"; }
    }

    record Accepted(List<String> scheduled) implements Verdict {
        public Accepted { scheduled = List.copyOf(scheduled); }
        public int status() { return 202; }
        public String result() { return "accepted"; }
        public String message() { return "scheduled " + scheduled.size() + (scheduled.size() == 1 ? " build" : " builds"); }

        @Override
        public void writeDetails(JsonGenerator json) throws IOException {
            writeNames(json, "scheduled", scheduled);
        }
    }

    record Ignored(String reason) implements Verdict {
        public int status() { return 200; }
        public String result() { return "ignored"; }
        public String message() { return "verified, nothing to build"; }

        @Override
        public void writeDetails(JsonGenerator json) throws IOException {
            json.writeStringField("reason", reason);
        }
    }

    /**
     * The push matched, but the adapter failed to take any of the matched work (a store that cannot be written): the
     * sender is asked to redeliver, and the delivery id is not remembered so that the redelivery is handled afresh.
     *
     * @param reason for the sender; names no secret and no exception
     */
    record Unavailable(String reason) implements Verdict {
        /** How long the sender is asked to wait before redelivering. */
        public static final int RETRY_AFTER_SECONDS = 60;

        public int status() { return 503; }
        public String result() { return "unavailable"; }
        public String message() { return "verified and matched, but nothing could be scheduled; redeliver it later"; }

        @Override
        public void writeDetails(JsonGenerator json) throws IOException {
            json.writeStringField("reason", reason);
        }

        @Override
        public Map<String, String> headers() {
            return retryAfter(RETRY_AFTER_SECONDS);
        }
    }

    /**
     * @param inProgress true when the first copy is still being handled
     * @param firstDelivery the id the first copy was accepted under (another one for its body replayed under a new
     *     id); null when it is not known
     */
    record Duplicate(Instant firstAcceptedAt, List<String> scheduled, boolean inProgress, String firstDelivery)
            implements Verdict {
        public Duplicate { scheduled = List.copyOf(scheduled); }

        public Duplicate(Instant firstAcceptedAt, List<String> scheduled, boolean inProgress) {
            this(firstAcceptedAt, scheduled, inProgress, null);
        }

        public int status() { return 200; }
        public String result() { return "duplicate"; }
        public String message() {
            return inProgress ? "a copy of this delivery is being handled now" : "this delivery was accepted before; nothing new was built";
        }

        @Override
        public void writeDetails(JsonGenerator json) throws IOException {
            if (firstAcceptedAt != null) {
                json.writeStringField("first_accepted_at", firstAcceptedAt.toString());
            }
            if (firstDelivery != null) {
                json.writeStringField("first_delivery", firstDelivery);
            }
            writeNames(json, "scheduled", scheduled);
        }
    }

    record NoSubscription(String repository) implements Verdict {
        public int status() { return 404; }
        public String result() { return "no_subscription"; }
        public String message() {
            return repository == null ? "the payload names no repository" : "nothing here listens to " + repository;
        }
    }

    record BadSignatureHeader(String reason) implements Verdict {
        public int status() { return 400; }
        public String result() { return "bad_signature_header"; }
        public String message() { return reason; }
    }

    record BadSignature() implements Verdict {
        public int status() { return 403; }
        public String result() { return "bad_signature"; }
        public String message() { return "the signature does not match the secret configured for this repository"; }

        @Override
        public boolean failedVerification() {
            return true;
        }
    }

    /** Too many verifications from this client failed lately: refused before its body is read or any HMAC computed. */
    record RateLimited(long retryAfterSeconds) implements Verdict {
        public int status() { return 429; }
        public String result() { return "rate_limited"; }
        public String message() {
            return "too many deliveries from this address failed verification lately; send again in " + retryAfterSeconds
                    + " s, and check the webhook's secret";
        }

        @Override
        public void writeDetails(JsonGenerator json) throws IOException {
            json.writeNumberField("retry_after", retryAfterSeconds);
        }

        @Override
        public Map<String, String> headers() {
            return retryAfter(retryAfterSeconds);
        }
    }

    /**
     * A Standard Webhooks {@code webhook-timestamp} too far from this server's clock: an old capture replayed, or a
     * clock that is off.
     *
     * @param skewSeconds this server's time minus the timestamp
     */
    record StaleTimestamp(long skewSeconds, long toleranceSeconds) implements Verdict {
        public int status() { return 403; }
        public String result() { return "stale_timestamp"; }
        public String message() {
            return "webhook-timestamp is " + Math.abs(skewSeconds) + " s " + (skewSeconds > 0 ? "behind" : "ahead of")
                    + " this server's clock, more than the " + toleranceSeconds + " s allowed; a replayed delivery, or a clock to set right";
        }

        /** Counted as a failed verification: a captured delivery replayed late is as unverifiable as a forged one. */
        @Override
        public boolean failedVerification() {
            return true;
        }
    }

    record TooLarge(long limit) implements Verdict {
        public int status() { return 413; }
        public String result() { return "too_large"; }
        public String message() { return "the body is larger than the limit of " + limit + " bytes"; }
    }

    record BadPayload(String reason) implements Verdict {
        public int status() { return 400; }
        public String result() { return "bad_payload"; }
        public String message() { return reason; }
    }

    record UnsupportedMediaType(String contentType) implements Verdict {
        public int status() { return 415; }
        public String result() { return "unsupported_media_type"; }
        public String message() {
            return "content type " + (contentType == null ? "(none)" : "'" + contentType + "'")
                    + " is not accepted; set the webhook's content type to application/json or application/x-www-form-urlencoded";
        }
    }

    /** @param encoding the {@code Content-Encoding} value refused, made printable */
    record UnsupportedContentEncoding(String encoding) implements Verdict {
        public int status() { return 415; }
        public String result() { return "unsupported_media_type"; }
        public String message() {
            return "content encoding '" + encoding + "' is not accepted; the body is signed as sent, so send it uncompressed";
        }
    }

    record BadHeaders(String reason) implements Verdict {
        public int status() { return 400; }
        public String result() { return "bad_headers"; }
        public String message() { return reason; }
    }

    record MethodNotAllowed(String method) implements Verdict {
        public int status() { return 405; }
        public String result() { return "method_not_allowed"; }
        public String message() { return "only POST is accepted here"; }

        @Override
        public Map<String, String> headers() {
            return Map.of("Allow", "POST");
        }
    }

    private static Map<String, String> retryAfter(long seconds) {
        return Map.of("Retry-After", Long.toString(seconds));
    }

    private static void writeNames(JsonGenerator json, String field, List<String> names) throws IOException {
        json.writeArrayFieldStart(field);
        for (String name : names) {
            json.writeString(name);
        }
        json.writeEndArray();
    }
}
