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
    private Instant checkedAt;
    private Optional<String> problem = Optional.empty();

    public StoreHealth(Database db, Clock clock, Duration every) {
        this.db = db;
        this.clock = clock;
        this.every = every;
    }

    /** Empty when the store could be written at the last check; else why not, for the answer (no paths, no details). */
    public synchronized Optional<String> problem() {
        Instant now = clock.instant();
        if (checkedAt != null && now.isBefore(checkedAt.plus(every))) {
            return problem;
        }
        checkedAt = now;
        try {
            db.proveWritable(now);
            if (problem.isPresent()) {
                LOGGER.info("the store can be written again");
            }
            problem = Optional.empty();
        } catch (IOException | RuntimeException e) {
            if (problem.isEmpty()) {
                LOGGER.warning(() -> "healthz: the store cannot be written: " + e.getMessage());
            }
            problem = Optional.of("the store cannot be written");
        }
        return problem;
    }
}
