package io.jenkins.plugins.signedwebhook.core.outbound;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * How long and how often to retry: exponential backoff with full jitter (a uniformly random delay between zero
 * and {@code min(maxDelay, initialDelay * 2^(attempt-1))}), {@code Retry-After} honoured up to {@code maxDelay},
 * at most {@code maxAttempts} attempts, and no attempt that would start after {@code createdAt + deadline}.
 */
public record RetryPolicy(int maxAttempts, Duration initialDelay, Duration maxDelay, Duration deadline) {

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts: must be at least 1, was " + maxAttempts);
        }
        requirePositive(initialDelay, "initialDelay");
        requirePositive(maxDelay, "maxDelay");
        requirePositive(deadline, "deadline");
        if (maxDelay.compareTo(initialDelay) < 0) {
            throw new IllegalArgumentException("maxDelay: must not be shorter than initialDelay (" + initialDelay + ")");
        }
        if (maxDelay.compareTo(RetryAfter.MAX) > 0) {
            throw new IllegalArgumentException("maxDelay: must be at most " + RetryAfter.MAX.toDays() + " days");
        }
    }

    /** 10 attempts, 2 s initial delay, 10 min cap, 24 h deadline. */
    public static RetryPolicy defaults() {
        return new RetryPolicy(10, Duration.ofSeconds(2), Duration.ofMinutes(10), Duration.ofHours(24));
    }

    /**
     * The decision after attempt {@code attemptNumber} (1-based) of a message created at {@code createdAt}
     * ended with {@code result} at {@code now}.
     */
    public RetryDecision decide(
            int attemptNumber, AttemptResult result, Instant createdAt, Instant now, RandomGenerator random) {
        if (result.succeeded()) {
            return new RetryDecision.Delivered();
        }
        if (result.stopsDelivery().isPresent()) {
            return new RetryDecision.GiveUp(result.stopsDelivery().get());
        }
        if (attemptNumber >= maxAttempts) {
            return new RetryDecision.GiveUp(StopReason.ATTEMPTS_EXHAUSTED);
        }
        Duration delay = result.retryAfter()
                .map(asked -> asked.compareTo(maxDelay) > 0 ? maxDelay : asked)
                .orElseGet(() -> backoff(attemptNumber, random));
        Instant next = now.plus(delay);
        if (next.isAfter(deadlineFor(createdAt))) {
            return new RetryDecision.GiveUp(StopReason.DEADLINE_EXCEEDED);
        }
        return new RetryDecision.RetryAt(next);
    }

    /** The instant after which no attempt of a message created at {@code createdAt} starts. */
    public Instant deadlineFor(Instant createdAt) {
        return createdAt.plus(deadline);
    }

    /** A full-jitter delay after attempt {@code attemptNumber}: uniform in [0, bound), bound doubling up to the cap. */
    Duration backoff(int attemptNumber, RandomGenerator random) {
        long cap = maxDelay.toMillis();
        long initial = initialDelay.toMillis();
        int doublings = Math.min(attemptNumber - 1, 62);
        long bound = initial > (cap >> doublings) ? cap : initial << doublings;
        return Duration.ofMillis((long) (random.nextDouble() * bound));
    }

    private static void requirePositive(Duration value, String field) {
        Objects.requireNonNull(value, field);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(field + ": must be positive, was " + value);
        }
    }
}
