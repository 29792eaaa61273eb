package io.jenkins.plugins.signedwebhook.core.inbound;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;

/** The most recent delivery records, newest first, bounded in count; thread-safe. */
public final class DeliveryLog implements DeliveryListener {
    private final Deque<DeliveryRecord> records = new ArrayDeque<>();
    private int capacity;

    public DeliveryLog(int capacity) {
        setCapacity(capacity);
    }

    public synchronized void setCapacity(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("delivery log size must be at least 1, not " + capacity);
        }
        this.capacity = capacity;
        trim();
    }

    @Override
    public void recorded(DeliveryRecord record) {
        add(record);
    }

    public synchronized void add(DeliveryRecord record) {
        records.addFirst(record);
        trim();
    }

    /** Puts back records saved earlier (newest first), behind any recorded since. */
    public synchronized void restore(Collection<DeliveryRecord> newestFirst) {
        newestFirst.forEach(records::addLast);
        trim();
    }

    public synchronized List<DeliveryRecord> recent() {
        return List.copyOf(records);
    }

    /** The records that started or considered this subscription, newest first. */
    public synchronized List<DeliveryRecord> concerning(String subscriptionId) {
        List<DeliveryRecord> out = new ArrayList<>();
        for (DeliveryRecord r : records) {
            if (r.concerns(subscriptionId)) {
                out.add(r);
            }
        }
        return out;
    }

    private void trim() {
        Iterator<DeliveryRecord> oldest = records.descendingIterator();
        while (records.size() > capacity && oldest.hasNext()) {
            oldest.next();
            oldest.remove();
        }
    }
}
