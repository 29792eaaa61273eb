package io.jenkins.plugins.signedwebhook.core.outbound;

import java.time.Duration;

/** Waits between attempts; injected so tests advance a clock instead of waiting. */
@FunctionalInterface
public interface Sleeper {

    void sleep(Duration duration) throws InterruptedException;

    static Sleeper system() {
        return duration -> Thread.sleep(duration.toMillis());
    }
}
