package io.jenkins.plugins.signedwebhook.core.inbound.limit;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A token bucket of failed verifications per client address ({@link FloodLimits}). Only failures take tokens; a client
 * is refused once its bucket is empty, until a token has come back. Each check and each failure is one lookup in a
 * map of at most {@code maxClients} entries; past that the client touched least recently is forgotten, so a spray of
 * addresses costs a fixed amount of memory (and each sprayed address gets no more than a fresh bucket would).
 *
 * <p>A bucket is one long, the time it is full again (the generic cell rate algorithm), so no timer refills it.
 */
public final class ClientLimiter {
    /** About 1 MB of map entries at most. */
    public static final int MAX_CLIENTS = 10_000;

    private final Clock clock;
    private final int maxClients;
    private volatile FloodLimits limits;
    private final Map<Long, long[]> fullAt;

    /** @param limits null for none: every client may be verified as often as it likes */
    public ClientLimiter(FloodLimits limits, int maxClients, Clock clock) {
        if (maxClients < 1) {
            throw new IllegalArgumentException("the rate limit must track at least 1 client, not " + maxClients);
        }
        this.limits = limits;
        this.maxClients = maxClients;
        this.clock = Objects.requireNonNull(clock);
        this.fullAt = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<Long, long[]> eldest) {
                return size() > ClientLimiter.this.maxClients;
            }
        };
    }

    public ClientLimiter(FloodLimits limits, Clock clock) {
        this(limits, MAX_CLIENTS, clock);
    }

    /** A limiter that never refuses, for engines whose adapter counts nothing. */
    public static ClientLimiter unlimited(Clock clock) {
        return new ClientLimiter(null, 1, clock);
    }

    /** New limits apply to the next check; buckets already counted keep what they hold. */
    public void setLimits(FloodLimits limits) {
        this.limits = Objects.requireNonNull(limits);
    }

    /** The client a request is counted against; empty when its peer is unknown (it is then never refused). */
    public Optional<ClientAddress> clientOf(String peer, List<String> forwardedFor) {
        FloodLimits now = limits;
        return now == null ? Optional.empty() : ClientAddress.resolve(peer, forwardedFor, now.trustedProxies());
    }

    /** Whole seconds until {@code client} may be verified again (at least 1), or 0 when it may be now. */
    public synchronized long retryAfterSeconds(ClientAddress client) {
        FloodLimits now = limits;
        long[] full = now == null ? null : fullAt.get(client.key());
        if (full == null) {
            return 0;
        }
        long millis = clock.millis();
        long owed = full[0] - millis;
        if (owed <= 0) {
            // A full bucket is the same as none; dropping it keeps the map to the clients that failed lately.
            fullAt.remove(client.key());
            return 0;
        }
        long over = owed - (now.burst() - 1L) * now.refillMillis();
        return over <= 0 ? 0 : Math.max(1, (over + 999) / 1000);
    }

    /** Takes a token from {@code client}'s bucket for a verification that failed. */
    public synchronized void failed(ClientAddress client) {
        FloodLimits now = limits;
        if (now == null) {
            return;
        }
        long millis = clock.millis();
        long[] full = fullAt.computeIfAbsent(client.key(), k -> new long[] {millis});
        // Never owed more than a whole bucket: failures that raced past the check do not lengthen the wait.
        full[0] = Math.min(Math.max(full[0], millis) + now.refillMillis(), millis + now.burst() * now.refillMillis());
    }

    /** How many clients are being counted. */
    public synchronized int size() {
        return fullAt.size();
    }
}
