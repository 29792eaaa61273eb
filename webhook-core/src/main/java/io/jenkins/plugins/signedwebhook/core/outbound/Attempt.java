package io.jenkins.plugins.signedwebhook.core.outbound;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;

/** One recorded attempt: when it started, how long it took, what it came to and what follows. */
public record Attempt(int number, Instant startedAt, Duration duration, AttemptResult result, RetryDecision decision) {

    public OptionalInt status() {
        return result.status();
    }

    public Optional<ErrorKind> errorKind() {
        return result.errorKind();
    }

    public Optional<Instant> nextAttemptAt() {
        return decision.nextAttemptAt();
    }
}
