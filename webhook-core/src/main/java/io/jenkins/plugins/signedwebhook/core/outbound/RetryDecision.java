package io.jenkins.plugins.signedwebhook.core.outbound;

import java.time.Instant;
import java.util.Optional;

/** What follows an attempt: nothing (delivered), another attempt at a time, or the end of delivery. */
public sealed interface RetryDecision {

    /** When the next attempt is due; empty when there is none. */
    Optional<Instant> nextAttemptAt();

    /** True when no attempt follows, whether delivered or given up. */
    default boolean isFinal() {
        return nextAttemptAt().isEmpty();
    }

    /** True only for {@link Delivered}. */
    boolean delivered();

    /** Why delivery ended without success; empty when delivered or retrying. */
    Optional<StopReason> stopReason();

    record Delivered() implements RetryDecision {
        @Override
        public Optional<Instant> nextAttemptAt() {
            return Optional.empty();
        }

        @Override
        public boolean delivered() {
            return true;
        }

        @Override
        public Optional<StopReason> stopReason() {
            return Optional.empty();
        }
    }

    record RetryAt(Instant at) implements RetryDecision {
        @Override
        public Optional<Instant> nextAttemptAt() {
            return Optional.of(at);
        }

        @Override
        public boolean delivered() {
            return false;
        }

        @Override
        public Optional<StopReason> stopReason() {
            return Optional.empty();
        }
    }

    record GiveUp(StopReason reason) implements RetryDecision {
        @Override
        public Optional<Instant> nextAttemptAt() {
            return Optional.empty();
        }

        @Override
        public boolean delivered() {
            return false;
        }

        @Override
        public Optional<StopReason> stopReason() {
            return Optional.of(reason);
        }
    }
}
