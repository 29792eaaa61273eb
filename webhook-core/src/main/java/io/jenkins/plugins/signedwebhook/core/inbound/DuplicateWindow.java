package io.jenkins.plugins.signedwebhook.core.inbound;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Remembers the {@code X-GitHub-Delivery} ids of deliveries that started something, for a bounded time and count, so
 * a redelivery is acknowledged without building twice. Ids of deliveries that started nothing are forgotten, so
 * GitHub's "Redeliver" works after a configuration fix. Thread-safe; a copy that arrives while the first is still
 * being handled is told so.
 *
 * <p>Beside each accepted id it keeps the {@link BodyDigest} of the body and the id it came with, so that a captured
 * body replayed under a new delivery id is seen as the delivery it copies, for the same window and within the same
 * bound: one more index over the same ring, and the id string of each entry (about 80 bytes for GitHub's UUIDs).
 *
 * <p>The accepted ids are kept as their SHA-256 (128 bits of it: a collision is out of reach, even for ids chosen by
 * an attacker) in arrays, oldest first, with an open-addressing index, rather than as a map of objects: a window of
 * 100,000 deliveries was 20 MB of small objects that every young garbage collection copied again (G1's pauses under
 * load were mostly that). The arrays grow with use, up to the bound.
 */
public final class DuplicateWindow {
    private static final int FIRST_CAPACITY = 64;
    /** Equal started lists share one instance, so the window holds few of them. */
    private static final int STARTED_LISTS_SHARED = 1024;

    private final Clock clock;
    private final int maxEntries;
    private Duration window;
    private final MessageDigest sha256;
    /** Deliveries being handled: claimed, not yet accepted or released. */
    private final Set<String> pending = new HashSet<>();
    /** The bodies of the deliveries being handled, so a replay that races its original is told it is in progress. */
    private final Set<BodyDigest> pendingBodies = new HashSet<>();
    private final Map<List<String>, List<String>> sharedStarted = new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<List<String>, List<String>> eldest) {
            return size() > STARTED_LISTS_SHARED;
        }
    };

    // The accepted deliveries, a ring in the order accepted: slot (head + i) % capacity holds the i-th oldest.
    private long[] high = new long[0];
    private long[] low = new long[0];
    private long[] acceptedAtMillis = new long[0];
    // The entry's body digest, where firstIds holds its delivery id; an entry restored without a digest has null there.
    private long[] bodyHigh = new long[0];
    private long[] bodyLow = new long[0];
    private String[] firstIds = new String[0];
    private Object[] started = new Object[0];
    private int head;
    private int count;
    /** Open addressing, linear probing: ring slot + 1, or 0 for an empty place. Twice the ring's capacity or more. */
    private int[] index = new int[0];
    /** The same over the body digests of the entries that have one. */
    private int[] bodyIndex = new int[0];
    // The hash of the id last given to hash(): SHA-256's first 128 bits.
    private long hashHigh;
    private long hashLow;

    public DuplicateWindow(int maxEntries, Duration window, Clock clock) {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("duplicate window must hold at least 1 delivery, not " + maxEntries);
        }
        this.maxEntries = maxEntries;
        this.window = checked(window);
        this.clock = clock;
        try {
            this.sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    public sealed interface Claim {}

    /** First time seen: the caller handles it and then calls {@link #accept} or {@link #release}. */
    public record Fresh() implements Claim {}

    /**
     * @param deliveryId the id the first copy was accepted under: this delivery's own for a redelivery, another for the
     *     same body under a new id
     */
    public record Seen(Instant acceptedAt, List<String> started, String deliveryId) implements Claim {}

    public record InProgress() implements Claim {}

    /**
     * One accepted delivery as persisted by an adapter: its id, when it was accepted, what it started and the digest of
     * its body (null for an entry persisted before digests were kept).
     */
    public record Accepted(String deliveryId, Instant acceptedAt, List<String> started, BodyDigest bodyDigest) {
        public Accepted {
            started = List.copyOf(started);
        }

        public Accepted(String deliveryId, Instant acceptedAt, List<String> started) {
            this(deliveryId, acceptedAt, started, null);
        }
    }

    /** A new length for the window; entries already remembered stay and expire by it, so a settings change loses none. */
    public synchronized void setWindow(Duration window) {
        this.window = checked(window);
    }

    public synchronized Duration window() {
        return window;
    }

    /**
     * Puts back deliveries accepted before a restart, each with the time it was first accepted, so it expires when it
     * would have; entries already outside the window, and ids already remembered, are skipped. Oldest first is not
     * required of the caller.
     *
     * @return how many were put back
     */
    public synchronized int restore(Collection<Accepted> earlier) {
        long oldest = clock.instant().minus(window).toEpochMilli();
        List<Accepted> byTime = new ArrayList<>(earlier);
        byTime.sort(Comparator.comparing(Accepted::acceptedAt));
        int restored = 0;
        for (Accepted a : byTime) {
            long at = a.acceptedAt().toEpochMilli();
            if (at < oldest || hashAndFind(a.deliveryId()) >= 0) {
                continue;
            }
            insert(at, a.started(), a.deliveryId(), a.bodyDigest());
            restored++;
        }
        return restored;
    }

    public synchronized Claim claim(String deliveryId) {
        return claim(deliveryId, null);
    }

    /**
     * Claims a delivery by its id and, unless {@code body} is null, by its body: a body accepted (or being handled)
     * under another id is that delivery again.
     */
    public synchronized Claim claim(String deliveryId, BodyDigest body) {
        expire();
        if (pending.contains(deliveryId) || (body != null && pendingBodies.contains(body))) {
            return new InProgress();
        }
        // An empty window (every delivery ignored so far) needs no hash.
        int slot = count == 0 ? -1 : hashAndFind(deliveryId);
        if (slot >= 0) {
            return seen(slot, deliveryId);
        }
        slot = count == 0 || body == null ? -1 : find(bodyIndex, bodyHigh, bodyLow, body.high(), body.low());
        if (slot >= 0) {
            return seen(slot, firstIds[slot]);
        }
        pending.add(deliveryId);
        if (body != null) {
            pendingBodies.add(body);
        }
        return new Fresh();
    }

    private Seen seen(int slot, String firstId) {
        return new Seen(Instant.ofEpochMilli(acceptedAtMillis[slot]), startedBy(slot), firstId);
    }

    @SuppressWarnings("unchecked")
    private List<String> startedBy(int slot) {
        return (List<String>) started[slot];
    }

    /** The delivery started these; remember it for the window. */
    public synchronized void accept(String deliveryId, List<String> startedJobs) {
        accept(deliveryId, null, startedJobs);
    }

    /** The delivery, claimed with {@code body}, started these; remember both for the window. */
    public synchronized void accept(String deliveryId, BodyDigest body, List<String> startedJobs) {
        pending.remove(deliveryId);
        if (body != null) {
            pendingBodies.remove(body);
        }
        long now = clock.millis();
        int slot = hashAndFind(deliveryId);
        if (slot >= 0) {
            acceptedAtMillis[slot] = now;
            started[slot] = sharedStarted.computeIfAbsent(List.copyOf(startedJobs), k -> k);
            return;
        }
        insert(now, startedJobs, deliveryId, body);
    }

    /**
     * What the window remembers of an accepted delivery, as an adapter persists it; empty when it is not (or no longer)
     * remembered.
     */
    public synchronized Optional<Accepted> remembered(String deliveryId) {
        expire();
        int slot = count == 0 ? -1 : hashAndFind(deliveryId);
        if (slot < 0) {
            return Optional.empty();
        }
        BodyDigest body = firstIds[slot] == null ? null : new BodyDigest(bodyHigh[slot], bodyLow[slot]);
        return Optional.of(new Accepted(deliveryId, Instant.ofEpochMilli(acceptedAtMillis[slot]), startedBy(slot), body));
    }

    /** Appends the id last hashed (and the body, unless null), dropping the oldest entry at the bound. */
    private void insert(long atMillis, List<String> startedJobs, String deliveryId, BodyDigest body) {
        List<String> what = sharedStarted.computeIfAbsent(List.copyOf(startedJobs), k -> k);
        if (count == maxEntries) {
            removeOldest();
        } else if (count == high.length) {
            grow();
        }
        // removeOldest and grow leave the hash of the id as it is.
        int slot = (head + count) % high.length;
        high[slot] = hashHigh;
        low[slot] = hashLow;
        acceptedAtMillis[slot] = atMillis;
        started[slot] = what;
        firstIds[slot] = body == null ? null : deliveryId;
        if (body != null) {
            bodyHigh[slot] = body.high();
            bodyLow[slot] = body.low();
        }
        count++;
        place(index, low, slot);
        if (body != null) {
            place(bodyIndex, bodyLow, slot);
        }
    }

    private static Duration checked(Duration window) {
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("duplicate window must be longer than zero, not " + window);
        }
        return window;
    }

    /** The delivery started nothing; forget it, so a redelivery is handled afresh. */
    public synchronized void release(String deliveryId) {
        release(deliveryId, null);
    }

    /** The delivery, claimed with {@code body}, started nothing; forget both. */
    public synchronized void release(String deliveryId, BodyDigest body) {
        pending.remove(deliveryId);
        if (body != null) {
            pendingBodies.remove(body);
        }
    }

    public synchronized int size() {
        expire();
        return pending.size() + count;
    }

    private void expire() {
        long oldest = clock.instant().minus(window).toEpochMilli();
        while (count > 0 && acceptedAtMillis[head] < oldest) {
            removeOldest();
        }
    }

    private void hash(String id) {
        BodyDigest d = BodyDigest.ofSha256(sha256.digest(id.getBytes(StandardCharsets.UTF_8)));
        hashHigh = d.high();
        hashLow = d.low();
    }

    /** Hashes {@code id} (the hash stays for the caller) and returns its ring slot if accepted, or -1. */
    private int hashAndFind(String id) {
        hash(id);
        return count == 0 ? -1 : find(index, high, low, hashHigh, hashLow);
    }

    /** The ring slot whose key in {@code keyHigh}/{@code keyLow} is {@code h}/{@code l}, found by {@code idx}, or -1. */
    private static int find(int[] idx, long[] keyHigh, long[] keyLow, long h, long l) {
        int mask = idx.length - 1;
        for (int i = (int) l & mask; idx[i] != 0; i = (i + 1) & mask) {
            int slot = idx[i] - 1;
            if (keyHigh[slot] == h && keyLow[slot] == l) {
                return slot;
            }
        }
        return -1;
    }

    /** Enters ring slot {@code slot}, keyed by {@code keyLow[slot]}, into {@code idx}. */
    private static void place(int[] idx, long[] keyLow, int slot) {
        int mask = idx.length - 1;
        int i = (int) keyLow[slot] & mask;
        while (idx[i] != 0) {
            i = (i + 1) & mask;
        }
        idx[i] = slot + 1;
    }

    private void removeOldest() {
        int slot = head;
        unplace(index, low, slot);
        if (firstIds[slot] != null) {
            unplace(bodyIndex, bodyLow, slot);
            firstIds[slot] = null;
        }
        started[slot] = null;
        head = (head + 1) % high.length;
        count--;
    }

    /** Takes ring slot {@code slot} out of {@code idx}, moving back the entries after it that probed past it. */
    private static void unplace(int[] idx, long[] keyLow, int slot) {
        int mask = idx.length - 1;
        int i = (int) keyLow[slot] & mask;
        while (idx[i] != slot + 1) {
            i = (i + 1) & mask;
        }
        int hole = i;
        for (int j = (hole + 1) & mask; idx[j] != 0; j = (j + 1) & mask) {
            int home = (int) keyLow[idx[j] - 1] & mask;
            // The entry at j may fill the hole if its home is not in the cyclic range (hole, j].
            boolean homeAfterHole = hole <= j ? home > hole && home <= j : home > hole || home <= j;
            if (!homeAfterHole) {
                idx[hole] = idx[j];
                hole = j;
            }
        }
        idx[hole] = 0;
    }

    /** Doubles the ring (up to the bound), oldest first from slot 0, and rebuilds the index. */
    private void grow() {
        int capacity = Math.min(maxEntries, Math.max(FIRST_CAPACITY, high.length * 2));
        long[] newHigh = new long[capacity];
        long[] newLow = new long[capacity];
        long[] newAt = new long[capacity];
        Object[] newStarted = new Object[capacity];
        long[] newBodyHigh = new long[capacity];
        long[] newBodyLow = new long[capacity];
        String[] newFirstIds = new String[capacity];
        for (int i = 0; i < count; i++) {
            int from = (head + i) % high.length;
            newHigh[i] = high[from];
            newLow[i] = low[from];
            newAt[i] = acceptedAtMillis[from];
            newStarted[i] = started[from];
            newBodyHigh[i] = bodyHigh[from];
            newBodyLow[i] = bodyLow[from];
            newFirstIds[i] = firstIds[from];
        }
        high = newHigh;
        low = newLow;
        acceptedAtMillis = newAt;
        started = newStarted;
        bodyHigh = newBodyHigh;
        bodyLow = newBodyLow;
        firstIds = newFirstIds;
        head = 0;
        int indexLength = Integer.highestOneBit(Math.max(2, capacity * 2 - 1)) << 1;
        index = new int[indexLength];
        bodyIndex = new int[indexLength];
        for (int i = 0; i < count; i++) {
            place(index, low, i);
            if (firstIds[i] != null) {
                place(bodyIndex, bodyLow, i);
            }
        }
    }
}
