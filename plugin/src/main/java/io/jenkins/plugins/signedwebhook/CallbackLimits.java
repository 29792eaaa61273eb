package io.jenkins.plugins.signedwebhook;

import io.jenkins.plugins.signedwebhook.core.outbound.RetryPolicy;
import io.jenkins.plugins.signedwebhook.core.outbound.Timeouts;
import java.time.Duration;

/** Timeouts and attempts of callbacks: the administrator's settings, which a step may only lower. */
record CallbackLimits(int connectSeconds, int attemptSeconds, int maxAttempts) {
    /** Backoff between attempts; the attempt count, not the deadline, is what bounds a blocking step. */
    private static final Duration INITIAL_DELAY = Duration.ofSeconds(1);
    private static final Duration MAX_DELAY = Duration.ofMinutes(1);
    private static final Duration DEADLINE = Duration.ofHours(24);

    CallbackLimits {
        if (connectSeconds < 1 || attemptSeconds < 1 || maxAttempts < 1) {
            throw new IllegalArgumentException("callback limits must be positive: " + connectSeconds + "s, "
                    + attemptSeconds + "s, " + maxAttempts + " attempts");
        }
    }

    static CallbackLimits of(SignedWebhookConfiguration config) {
        return new CallbackLimits(config.getCallbackConnectTimeoutSeconds(), config.getCallbackTimeoutSeconds(),
                config.getCallbackMaxAttempts());
    }

    CallbackLimits loweredTo(Integer attemptSecondsWanted, Integer attemptsWanted) {
        int attempt = attemptSecondsWanted == null ? attemptSeconds : Math.min(attemptSeconds, attemptSecondsWanted);
        int attempts = attemptsWanted == null ? maxAttempts : Math.min(maxAttempts, attemptsWanted);
        return new CallbackLimits(Math.min(connectSeconds, attempt), attempt, attempts);
    }

    Timeouts timeouts() {
        return new Timeouts(Duration.ofSeconds(connectSeconds), Duration.ofSeconds(attemptSeconds));
    }

    RetryPolicy retryPolicy() {
        return new RetryPolicy(maxAttempts, INITIAL_DELAY, MAX_DELAY, DEADLINE);
    }
}
