package io.jenkins.plugins.signedwebhook.core.inbound;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Remembers the {@code X-GitHub-Delivery} ids of deliveries that started something, for a bounded time and count, so
 * a redelivery is acknowledged without building twice. Ids of deliveries that started nothing are forgotten, so
 * GitHub's "Redeliver" works after a configuration fix. Thread-safe; a copy that arrives while the first is still
 * being handled is told so.
 */
public final class DuplicateWindow {
    private final Map<String, Entry> entries = new LinkedHashMap<>();
    private final Clock clock;
    private final int maxEntries;
    private final Duration window;

    public DuplicateWindow(int maxEntries, Duration window, Clock clock) {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("duplicate window must hold at least 1 delivery, not " + maxEntries);
        }
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("duplicate window must be longer than zero, not " + window);
        }
        this.maxEntries = maxEntries;
        this.window = window;
        this.clock = clock;
    }

    public sealed interface Claim {}

    /** First time seen: the caller handles it and then calls {@link #accept} or {@link #release}. */
    public record Fresh() implements Claim {}

    public record Seen(Instant acceptedAt, List<String> started) implements Claim {}

    public record InProgress() implements Claim {}

    private record Entry(Instant at, List<String> started, boolean pending) {}

    public synchronized Claim claim(String deliveryId) {
        expire();
        Entry e = entries.get(deliveryId);
        if (e != null) {
            return e.pending() ? new InProgress() : new Seen(e.at(), e.started());
        }
        put(deliveryId, new Entry(clock.instant(), List.of(), true));
        return new Fresh();
    }

    /** The delivery started these; remember it for the window. */
    public synchronized void accept(String deliveryId, List<String> started) {
        entries.remove(deliveryId);
        put(deliveryId, new Entry(clock.instant(), List.copyOf(started), false));
    }

    /** The delivery started nothing; forget it, so a redelivery is handled afresh. */
    public synchronized void release(String deliveryId) {
        Entry e = entries.get(deliveryId);
        if (e != null && e.pending()) {
            entries.remove(deliveryId);
        }
    }

    public synchronized int size() {
        expire();
        return entries.size();
    }

    private void put(String id, Entry entry) {
        entries.put(id, entry);
        Iterator<String> eldest = entries.keySet().iterator();
        while (entries.size() > maxEntries && eldest.hasNext()) {
            eldest.next();
            eldest.remove();
        }
    }

    private void expire() {
        Instant oldest = clock.instant().minus(window);
        Iterator<Entry> it = entries.values().iterator();
        while (it.hasNext()) {
            if (it.next().at().isBefore(oldest)) {
                it.remove();
            } else {
                return;
            }
        }
    }
}
