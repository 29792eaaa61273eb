package io.jenkins.plugins.signedwebhook.receiver;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.logging.LogManager;

/**
 * The jar's {@link LogManager} ({@code java.util.logging.manager}, set first thing in {@link Main#main}): a reset
 * during the JVM's shutdown, which JUL's own shutdown hook does while the receiver's hook is still stopping, waits
 * until the receiver has stopped. The plain LogManager removed the handlers at once, so what the receiver logged while
 * stopping ("stopping", runs left to recovery, "stopped") was lost whenever JUL's hook ran first. A reset at any
 * other time (configuration) does not wait.
 */
public final class StoppingLogManager extends LogManager {
    private final BooleanSupplier shuttingDown;
    private volatile CountDownLatch stopped;
    private volatile Duration atMost = Duration.ZERO;

    /** As {@code java.util.logging.manager} makes it. */
    public StoppingLogManager() {
        this(StoppingLogManager::jvmShuttingDown);
    }

    StoppingLogManager(BooleanSupplier shuttingDown) {
        this.shuttingDown = shuttingDown;
    }

    /**
     * From now on a reset at shutdown waits for {@code stopped} (counted down once the receiver has stopped), at most
     * {@code atMost}: longer than the receiver's shutdown grace, for the callbacks' and the store's closing after it.
     */
    void holdResetUntil(CountDownLatch stopped, Duration atMost) {
        this.atMost = atMost;
        this.stopped = stopped;
    }

    @Override
    public void reset() {
        CountDownLatch latch = stopped;
        if (latch != null && shuttingDown.getAsBoolean()) {
            try {
                latch.await(atMost.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        super.reset();
    }

    /** Whether the JVM's shutdown has begun: a shutdown hook can no longer be added then. */
    static boolean jvmShuttingDown() {
        Thread probe = new Thread(() -> {});
        try {
            Runtime.getRuntime().addShutdownHook(probe);
            Runtime.getRuntime().removeShutdownHook(probe);
            return false;
        } catch (IllegalStateException e) {
            return true;
        }
    }
}
