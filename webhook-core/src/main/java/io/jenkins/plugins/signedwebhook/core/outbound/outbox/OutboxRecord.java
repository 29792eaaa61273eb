package io.jenkins.plugins.signedwebhook.core.outbound.outbox;

import io.jenkins.plugins.signedwebhook.core.outbound.OutboundMessage;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A message waiting in the outbox: how many attempts it had, when the next is due and how the last one failed.
 * It holds the secret's reference only, never the secret.
 */
public record OutboxRecord(OutboundMessage message, int attempts, Instant nextAttemptAt, Optional<String> lastError) {

    public OutboxRecord {
        Objects.requireNonNull(message, "message");
        if (attempts < 0) {
            throw new IllegalArgumentException("attempts: must not be negative, was " + attempts);
        }
        Objects.requireNonNull(nextAttemptAt, "nextAttemptAt");
        Objects.requireNonNull(lastError, "lastError");
    }

    /** A new message, due at once. */
    public static OutboxRecord fresh(OutboundMessage message, Instant now) {
        return new OutboxRecord(message, 0, now, Optional.empty());
    }

    public String id() {
        return message.id();
    }

    /** This record after one more failed attempt, due again at {@code next}. */
    public OutboxRecord failedAttempt(String error, Instant next) {
        return new OutboxRecord(message, attempts + 1, next, Optional.of(error));
    }
}
