package io.jenkins.plugins.signedwebhook.receiver.http;

import io.jenkins.plugins.signedwebhook.receiver.store.Database;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * What {@code /healthz} says: whether the data directory's database can be written, proven by a write at most once per
 * {@code every} (a monitor polling often, or a load test on the path, costs one commit a second).
 */
public final class StoreHealth {
    private static final Logger LOGGER = Logger.getLogger(StoreHealth.class.getName());
    private final Database db;
    private final Clock clock;
    private final Duration every;
    private volatile Instant checkedAt;
    private volatile Optional<String> problem = Optional.empty();

    public StoreHealth(Database db, Clock clock, Duration every) {
        this.db = db;
        this.clock = clock;
        this.every = every;
    }

    /** Empty when the store could be written at the last check; else why not, for the answer (no paths, no details). */
    public Optional<String> problem() {
        if (fresh(clock.instant())) {
            return problem;
        }
        synchronized (this) {
            Instant now = clock.instant();
            if (fresh(now)) {
                return problem;
            }
            Optional<String> found;
            try {
                db.proveWritable(now);
                if (problem.isPresent()) {
                    LOGGER.info("the store can be written again");
                }
                found = Optional.empty();
            } catch (IOException | RuntimeException e) {
                if (problem.isEmpty()) {
                    LOGGER.warning(() -> "healthz: the store cannot be written: " + e.getMessage());
                }
                found = Optional.of("the store cannot be written");
            }
            problem = found;
            checkedAt = now;
            return found;
        }
    }

    private boolean fresh(Instant now) {
        Instant at = checkedAt;
        return at != null && now.isBefore(at.plus(every));
    }
}
