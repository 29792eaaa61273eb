package io.jenkins.plugins.signedwebhook.core.inbound;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Remembers the {@code X-GitHub-Delivery} ids of deliveries that started something, for a bounded time and count, so
 * a redelivery is acknowledged without building twice. Ids of deliveries that started nothing are forgotten, so
 * GitHub's "Redeliver" works after a configuration fix. Thread-safe; a copy that arrives while the first is still
 * being handled is told so.
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
    private Object[] started = new Object[0];
    private int head;
    private int count;
    /** Open addressing, linear probing: ring slot + 1, or 0 for an empty place. Twice the ring's capacity or more. */
    private int[] index = new int[0];
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

    public record Seen(Instant acceptedAt, List<String> started) implements Claim {}

    public record InProgress() implements Claim {}

    /** One accepted delivery as persisted by an adapter: its id, when it was accepted and what it started. */
    public record Accepted(String deliveryId, Instant acceptedAt, List<String> started) {
        public Accepted {
            started = List.copyOf(started);
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
            insert(at, a.started());
            restored++;
        }
        return restored;
    }

    public synchronized Claim claim(String deliveryId) {
        expire();
        if (pending.contains(deliveryId)) {
            return new InProgress();
        }
        // An empty window (every delivery ignored so far) needs no hash.
        int slot = count == 0 ? -1 : hashAndFind(deliveryId);
        if (slot >= 0) {
            @SuppressWarnings("unchecked")
            List<String> what = (List<String>) started[slot];
            return new Seen(Instant.ofEpochMilli(acceptedAtMillis[slot]), what);
        }
        pending.add(deliveryId);
        return new Fresh();
    }

    /** The delivery started these; remember it for the window. */
    public synchronized void accept(String deliveryId, List<String> startedJobs) {
        pending.remove(deliveryId);
        long now = clock.millis();
        int slot = hashAndFind(deliveryId);
        if (slot >= 0) {
            acceptedAtMillis[slot] = now;
            started[slot] = sharedStarted.computeIfAbsent(List.copyOf(startedJobs), k -> k);
            return;
        }
        insert(now, startedJobs);
    }

    /** Appends the id last hashed, dropping the oldest entry at the bound. */
    private void insert(long atMillis, List<String> startedJobs) {
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
        count++;
        place(slot);
    }

    private static Duration checked(Duration window) {
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("duplicate window must be longer than zero, not " + window);
        }
        return window;
    }

    /** The delivery started nothing; forget it, so a redelivery is handled afresh. */
    public synchronized void release(String deliveryId) {
        pending.remove(deliveryId);
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
        byte[] d = sha256.digest(id.getBytes(StandardCharsets.UTF_8));
        long h = 0;
        long l = 0;
        for (int i = 0; i < 8; i++) {
            h = (h << 8) | (d[i] & 0xff);
            l = (l << 8) | (d[i + 8] & 0xff);
        }
        hashHigh = h;
        hashLow = l;
    }

    /** Hashes {@code id} (the hash stays for the caller) and returns its ring slot if accepted, or -1. */
    private int hashAndFind(String id) {
        hash(id);
        if (count == 0) {
            return -1;
        }
        int mask = index.length - 1;
        for (int i = (int) hashLow & mask; index[i] != 0; i = (i + 1) & mask) {
            int slot = index[i] - 1;
            if (high[slot] == hashHigh && low[slot] == hashLow) {
                return slot;
            }
        }
        return -1;
    }

    /** Enters ring slot {@code slot} into the index. */
    private void place(int slot) {
        int mask = index.length - 1;
        int i = (int) low[slot] & mask;
        while (index[i] != 0) {
            i = (i + 1) & mask;
        }
        index[i] = slot + 1;
    }

    private void removeOldest() {
        int slot = head;
        unplace(slot);
        started[slot] = null;
        head = (head + 1) % high.length;
        count--;
    }

    /** Takes ring slot {@code slot} out of the index, moving back the entries after it that probed past it. */
    private void unplace(int slot) {
        int mask = index.length - 1;
        int i = (int) low[slot] & mask;
        while (index[i] != slot + 1) {
            i = (i + 1) & mask;
        }
        int hole = i;
        for (int j = (hole + 1) & mask; index[j] != 0; j = (j + 1) & mask) {
            int home = (int) low[index[j] - 1] & mask;
            // The entry at j may fill the hole if its home is not in the cyclic range (hole, j].
            boolean homeAfterHole = hole <= j ? home > hole && home <= j : home > hole || home <= j;
            if (!homeAfterHole) {
                index[hole] = index[j];
                hole = j;
            }
        }
        index[hole] = 0;
    }

    /** Doubles the ring (up to the bound), oldest first from slot 0, and rebuilds the index. */
    private void grow() {
        int capacity = Math.min(maxEntries, Math.max(FIRST_CAPACITY, high.length * 2));
        long[] newHigh = new long[capacity];
        long[] newLow = new long[capacity];
        long[] newAt = new long[capacity];
        Object[] newStarted = new Object[capacity];
        for (int i = 0; i < count; i++) {
            int from = (head + i) % high.length;
            newHigh[i] = high[from];
            newLow[i] = low[from];
            newAt[i] = acceptedAtMillis[from];
            newStarted[i] = started[from];
        }
        high = newHigh;
        low = newLow;
        acceptedAtMillis = newAt;
        started = newStarted;
        head = 0;
        index = new int[Integer.highestOneBit(Math.max(2, capacity * 2 - 1)) << 1];
        Arrays.fill(index, 0);
        for (int i = 0; i < count; i++) {
            place(i);
        }
    }
}
