package io.jenkins.plugins.signedwebhook.receiver;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.LogManager;

/**
 * The jar's {@link LogManager} ({@code java.util.logging.manager}, set first thing in {@link Main#main}): its reset,
 * which JUL's own shutdown hook runs while the receiver's hook is still stopping, waits until the receiver has
 * stopped. The plain LogManager removed the handlers at once, so what the receiver logged while stopping ("stopping",
 * runs left to recovery) was lost whenever JUL's hook ran first.
 */
public final class StoppingLogManager extends LogManager {
    private static volatile CountDownLatch stopping;
    private static volatile Duration longest = Duration.ZERO;

    /**
     * From now on a reset waits for {@code stopped} (the receiver runs), at most {@code atMost}: longer than the
     * receiver's shutdown grace, for the callbacks' and the store's closing after it.
     */
    static void holdResetUntil(CountDownLatch stopped, Duration atMost) {
        longest = atMost;
        stopping = stopped;
    }

    @Override
    public void reset() {
        CountDownLatch stopped = stopping;
        if (stopped != null) {
            try {
                stopped.await(longest.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        super.reset();
    }
}
