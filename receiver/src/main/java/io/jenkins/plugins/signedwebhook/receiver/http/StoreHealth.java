package io.jenkins.plugins.signedwebhook.receiver.http;

import io.jenkins.plugins.signedwebhook.receiver.store.Database;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * What {@code /healthz} says: whether the data directory's database can be written, proven by a write at most once per
 * {@code every} (a monitor polling often, or a load test on the path, costs one commit a second). A failure that real
 * work met counts too: while {@code owed} names work that could not be stored (a run's end), the store is not healthy,
 * however small a write the probe could still make on a full disk; so does, on a shared store, a replica lease that is
 * stale or an id another process holds.
 */
public final class StoreHealth {
    private static final Logger LOGGER = Logger.getLogger(StoreHealth.class.getName());
    private final Database db;
    private final Clock clock;
    private final Duration every;
    private final Supplier<Optional<String>> owed;
    private volatile Instant checkedAt;
    private volatile Optional<String> problem = Optional.empty();

    /** @param owed why work that real use met could not be stored, if some is still not stored */
    public StoreHealth(Database db, Clock clock, Duration every, Supplier<Optional<String>> owed) {
        this.db = db;
        this.clock = clock;
        this.every = every;
        this.owed = owed;
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
            Optional<String> found = owed.get();
            if (found.isEmpty()) {
                try {
                    db.proveWritable(now);
                } catch (IOException | RuntimeException e) {
                    if (problem.isEmpty()) {
                        LOGGER.warning(() -> "healthz: the store cannot be written: " + e.getMessage());
                    }
                    found = Optional.of("the store cannot be written");
                }
            }
            if (found.isEmpty() && problem.isPresent()) {
                Optional<String> was = problem;
                LOGGER.info(() -> "healthz: 200 again (it was 503: " + was.get() + ")");
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
