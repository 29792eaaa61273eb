package io.jenkins.plugins.signedwebhook.receiver.store;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps the SQLite file from growing while the receiver runs: each pass deletes the delivery ids older than the
 * duplicate window and the dead letters older than their keep time. Pending callbacks, runs and their logs are not
 * its concern (runs have their own retention).
 */
public final class Maintenance implements Runnable {
    private static final Logger LOGGER = Logger.getLogger(Maintenance.class.getName());
    private final DeliveryStore deliveries;
    private final SqliteOutbox outbox;
    private final Clock clock;
    private final Duration duplicateWindow;
    private final Duration deadLetterKeep;

    public Maintenance(DeliveryStore deliveries, SqliteOutbox outbox, Clock clock, Duration duplicateWindow,
            Duration deadLetterKeep) {
        this.deliveries = deliveries;
        this.outbox = outbox;
        this.clock = clock;
        this.duplicateWindow = duplicateWindow;
        this.deadLetterKeep = deadLetterKeep;
    }

    /** What one pass deleted. */
    public record Pruned(long deliveries, long deadLetters) {
        boolean nothing() {
            return deliveries == 0 && deadLetters == 0;
        }
    }

    /** Runs a pass every {@code every}, the first one {@code every} from now (the start already pruned deliveries). */
    public ScheduledFuture<?> schedule(ScheduledExecutorService executor, Duration every) {
        return executor.scheduleWithFixedDelay(this, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** One pass: deliveries first, then dead letters, each in batches of its own transactions. */
    public Pruned pass() throws IOException {
        Instant now = clock.instant();
        long oldDeliveries = deliveries.pruneAcceptedBefore(now.minus(duplicateWindow));
        long oldDeadLetters = outbox.pruneDeadLettersBefore(now.minus(deadLetterKeep));
        return new Pruned(oldDeliveries, oldDeadLetters);
    }

    /** A pass that logs what it deleted; it never throws, since a scheduled task that throws is never run again. */
    @Override
    public void run() {
        try {
            Pruned pruned = pass();
            if (!pruned.nothing()) {
                LOGGER.info(() -> "pruned " + pruned.deliveries() + " deliveries older than " + duplicateWindow.toDays()
                        + " days and " + pruned.deadLetters() + " dead letters older than " + deadLetterKeep.toDays()
                        + " days");
            }
        } catch (IOException | RuntimeException e) {
            // Rows this pass left are due again at the next one.
            LOGGER.log(Level.WARNING, "maintenance pass failed, will retry: {0}", e.getMessage());
        } catch (Throwable t) {
            // Any other failure too: the scheduler would never run this task again.
            LOGGER.log(Level.SEVERE, "maintenance pass failed, will retry", t);
        }
    }
}
