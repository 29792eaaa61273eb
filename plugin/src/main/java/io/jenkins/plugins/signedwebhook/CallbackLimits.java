package io.jenkins.plugins.signedwebhook;

import io.jenkins.plugins.signedwebhook.core.outbound.RetryPolicy;
import io.jenkins.plugins.signedwebhook.core.outbound.Timeouts;
import java.time.Duration;

/** Timeouts and attempts of callbacks: the administrator's settings, which a step may only lower. */
record CallbackLimits(int connectSeconds, int attemptSeconds, int maxAttempts) {
    /** The engine's backoff and deadline; with at most 20 attempts the attempt count is what bounds a blocking step. */
    private static final RetryPolicy TIMING = RetryPolicy.defaults();

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

    Timeouts timeouts() {
        return new Timeouts(Duration.ofSeconds(connectSeconds), Duration.ofSeconds(attemptSeconds));
    }

    RetryPolicy retryPolicy() {
        return new RetryPolicy(maxAttempts, TIMING.initialDelay(), TIMING.maxDelay(), TIMING.deadline());
    }
}
