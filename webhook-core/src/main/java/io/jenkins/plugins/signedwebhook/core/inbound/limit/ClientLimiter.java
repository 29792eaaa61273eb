package io.jenkins.plugins.signedwebhook.core.inbound.limit;

import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;

/**
 * A token bucket of failed verifications per client address and repository ({@link FloodLimits}). Only failures take
 * tokens; a client is refused for a repository once that bucket is empty, until a token has come back. Counting per
 * repository too keeps one sender's badly signed posts for one repository from locking out its correct deliveries for
 * every other: a reverse proxy without {@code trustedProxies} and GitHub's shared hook addresses are each one client.
 *
 * <p>At most {@code maxClients} buckets are held. Past that a newcomer takes the place of a bucket that has refilled
 * (a full bucket is the same as none), found among the few oldest; when none of them has, the newcomer is counted in
 * an overflow bucket of its network (an IPv4 /24, an IPv6 /48) and repository, shared by the clients of that network
 * not held, and past {@code maxClients / 10} of those it is not counted at all. Forgetting a bucket that still owes
 * would free a limited client: a spray of addresses (a /48 holds 65,536 /64s) must not buy that; nor may it get a
 * client that never failed refused, as one overflow bucket for everyone did (a forge's hook addresses are not the
 * sprayer's network). Each check and each failure is a fixed number of map lookups.
 *
 * <p>A bucket is one long, the time it is full again (the generic cell rate algorithm), so no timer refills it.
 */
public final class ClientLimiter {
    /** About 1 MB of map entries at most. */
    public static final int MAX_CLIENTS = 10_000;
    /** How many of the oldest buckets a newcomer looks through for one that has refilled. */
    private static final int EVICTION_SCAN = 8;
    private static final Logger LOGGER = Logger.getLogger(ClientLimiter.class.getName());

    private final Clock clock;
    private final int maxClients;
    private volatile FloodLimits limits;
    /** In the order the buckets were added or last passed over by a newcomer (not refilled yet then). */
    private final LinkedHashMap<Bucket, long[]> fullAt = new LinkedHashMap<>();
    /** By network and repository: the clients that found no room, at most a tenth as many as the buckets held. */
    private final Map<Bucket, long[]> overflow = new HashMap<>();
    private final AtomicBoolean proxyWarned = new AtomicBoolean();
    private final AtomicBoolean forwardedWarned = new AtomicBoolean();

    /** One client's failures for one repository ({@code ""} for a delivery that names none, an organisation's ping). */
    private record Bucket(long client, String repository) {}

    /** @param limits null for none: every client may be verified as often as it likes */
    public ClientLimiter(FloodLimits limits, int maxClients, Clock clock) {
        if (maxClients < 1) {
            throw new IllegalArgumentException("the rate limit must track at least 1 client, not " + maxClients);
        }
        this.limits = limits;
        this.maxClients = maxClients;
        this.clock = Objects.requireNonNull(clock);
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

    /** As {@link #clientOf(String, boolean, List)} for a peer that is the connection's. */
    public Optional<ClientAddress> clientOf(String peer, List<String> forwardedFor) {
        return clientOf(peer, false, forwardedFor);
    }

    /**
     * The client a request is counted against; empty when the adapter knows no peer (it is then never refused).
     *
     * @param peerReplaced the web server put an {@code X-Forwarded-For} entry in the peer's place and the real one is
     *     out of reach: {@code peer} is then the client's word, and {@link ClientAddress#behindForwardingServer} decides
     */
    public Optional<ClientAddress> clientOf(String peer, boolean peerReplaced, List<String> forwardedFor) {
        FloodLimits now = limits;
        if (now == null) {
            return Optional.empty();
        }
        if (peerReplaced) {
            ClientAddress client = ClientAddress.behindForwardingServer(forwardedFor, now.trustedProxies());
            if (now.trustedProxies().isEmpty() && !forwardedWarned.getAndSet(true)) {
                LOGGER.warning(() -> "deliveries carry X-Forwarded-For and the web server gives that, not the connection's"
                        + " address, as their peer; with no trusted proxy configured, the rate limit counts every such"
                        + " request as one client per repository: list the reverse proxy in front in the trusted proxies");
            }
            return Optional.of(client);
        }
        Optional<ClientAddress> client = ClientAddress.resolve(peer, forwardedFor, now.trustedProxies());
        if (!forwardedFor.isEmpty() && now.trustedProxies().isEmpty() && client.filter(ClientAddress::isLocal).isPresent()
                && !proxyWarned.getAndSet(true)) {
            LOGGER.warning(() -> "deliveries come through a proxy at " + client.get() + " (X-Forwarded-For is set), but no"
                    + " trusted proxy is configured: every sender is counted as that one address by the rate limit;"
                    + " add it to the trusted proxies");
        }
        return client;
    }

    /** Whole seconds until {@code client} may be verified again (at least 1), or 0 when it may be now. */
    public synchronized long retryAfterSeconds(ClientAddress client, String repository) {
        FloodLimits now = limits;
        if (now == null) {
            return 0;
        }
        Bucket bucket = new Bucket(client.key(), repository);
        long[] full = fullAt.get(bucket);
        long millis = clock.millis();
        if (full == null) {
            // Not held: counted with the others of its network that found no room, while there is none.
            long[] shared = fullAt.size() < maxClients ? null : overflow.get(new Bucket(client.networkKey(), repository));
            return shared == null ? 0 : wait(now, shared[0] - millis);
        }
        long owed = full[0] - millis;
        if (owed <= 0) {
            // A full bucket is the same as none; dropping it keeps the map to the clients that failed lately.
            fullAt.remove(bucket);
            return 0;
        }
        return wait(now, owed);
    }

    private static long wait(FloodLimits now, long owed) {
        long over = owed - (now.burst() - 1L) * now.refillMillis();
        return over <= 0 ? 0 : Math.max(1, (over + 999) / 1000);
    }

    /** Takes a token from {@code client}'s bucket for {@code repository} for a verification that failed. */
    public synchronized void failed(ClientAddress client, String repository) {
        FloodLimits now = limits;
        if (now == null) {
            return;
        }
        long millis = clock.millis();
        Bucket bucket = new Bucket(client.key(), repository);
        long[] full = fullAt.get(bucket);
        if (full == null) {
            if (fullAt.size() < maxClients || evictRefilled(millis)) {
                full = new long[] {millis};
                fullAt.put(bucket, full);
            } else {
                Bucket shared = new Bucket(client.networkKey(), repository);
                full = overflow.get(shared);
                if (full == null) {
                    if (overflow.size() >= Math.max(1, maxClients / 10)) {
                        return;
                    }
                    full = new long[] {millis};
                    overflow.put(shared, full);
                }
            }
        }
        // Never owed more than a whole bucket: failures that raced past the check do not lengthen the wait.
        full[0] = Math.min(Math.max(full[0], millis) + now.refillMillis(), millis + now.burst() * now.refillMillis());
    }

    /**
     * Drops one of the oldest buckets that has refilled; those passed over go to the back, so the next newcomer looks
     * at others. False when none of them has.
     */
    private boolean evictRefilled(long millis) {
        for (int i = 0; i < EVICTION_SCAN; i++) {
            Map.Entry<Bucket, long[]> eldest = fullAt.entrySet().iterator().next();
            fullAt.remove(eldest.getKey());
            if (eldest.getValue()[0] <= millis) {
                return true;
            }
            fullAt.put(eldest.getKey(), eldest.getValue());
        }
        return false;
    }

    /** How many buckets (client and repository) are being counted. */
    public synchronized int size() {
        return fullAt.size();
    }
}
