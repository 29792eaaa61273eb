package io.jenkins.plugins.signedwebhook.core.outbound;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What one message asks of its delivery beyond the dispatcher's settings: fewer attempts, a shorter attempt
 * timeout. It can only lower those settings, never raise them; {@link #NONE} keeps them as they are.
 */
public record DeliveryLimits(OptionalInt maxAttempts, Optional<Duration> attemptTimeout) {
    public static final DeliveryLimits NONE = new DeliveryLimits(OptionalInt.empty(), Optional.empty());

    public DeliveryLimits {
        Objects.requireNonNull(maxAttempts, "maxAttempts");
        Objects.requireNonNull(attemptTimeout, "attemptTimeout");
        if (maxAttempts.isPresent() && maxAttempts.getAsInt() < 1) {
            throw new IllegalArgumentException("maxAttempts: must be at least 1, was " + maxAttempts.getAsInt());
        }
        if (attemptTimeout.isPresent() && (attemptTimeout.get().isNegative() || attemptTimeout.get().isZero())) {
            throw new IllegalArgumentException("attemptTimeout: must be positive, was " + attemptTimeout.get());
        }
    }

    /** At most {@code maxAttempts} attempts (if not null), each within {@code attemptTimeout} (if not null). */
    public static DeliveryLimits of(Integer maxAttempts, Duration attemptTimeout) {
        return new DeliveryLimits(
                maxAttempts == null ? OptionalInt.empty() : OptionalInt.of(maxAttempts), Optional.ofNullable(attemptTimeout));
    }

    /** {@code policy} with at most this many attempts. */
    public RetryPolicy lower(RetryPolicy policy) {
        if (maxAttempts.isEmpty() || maxAttempts.getAsInt() >= policy.maxAttempts()) {
            return policy;
        }
        return new RetryPolicy(maxAttempts.getAsInt(), policy.initialDelay(), policy.maxDelay(), policy.deadline());
    }

    /** {@code timeouts} with the attempt, and so the connection, bounded by this attempt timeout. */
    public Timeouts lower(Timeouts timeouts) {
        if (attemptTimeout.isEmpty() || attemptTimeout.get().compareTo(timeouts.attempt()) >= 0) {
            return timeouts;
        }
        Duration attempt = attemptTimeout.get();
        return new Timeouts(timeouts.connect().compareTo(attempt) > 0 ? attempt : timeouts.connect(), attempt);
    }
}
