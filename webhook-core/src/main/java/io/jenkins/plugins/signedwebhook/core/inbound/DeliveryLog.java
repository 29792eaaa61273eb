package io.jenkins.plugins.signedwebhook.core.inbound;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.ListIterator;
import java.util.Map;

/** The most recent delivery records, newest first, bounded in count; thread-safe. */
public final class DeliveryLog implements DeliveryListener {
    /** How many deliveries' notes are held for a record not yet added (work an adapter started before the answer). */
    static final int EARLY_NOTES = 1000;

    private final Deque<DeliveryRecord> records = new ArrayDeque<>();
    private final Map<String, List<DeliveryRecord.Note>> early = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, List<DeliveryRecord.Note>> eldest) {
            return size() > EARLY_NOTES;
        }
    };
    private int capacity;

    private static final String ACCEPTED = "accepted";

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
        List<DeliveryRecord.Note> notes = ACCEPTED.equals(record.result()) ? early.remove(record.deliveryId()) : null;
        records.addFirst(notes == null ? record : withNotes(record, notes));
        trim();
    }

    /**
     * Adds a line to the record of the accepted delivery {@code deliveryId}, for what the adapter's work did after the
     * answer (an event that fell back to indexing); held until the record comes when it has not come yet.
     */
    public synchronized void annotate(String deliveryId, String subscription, String outcome) {
        DeliveryRecord.Note note = new DeliveryRecord.Note(subscription, outcome);
        List<DeliveryRecord> all = new ArrayList<>(records);
        for (ListIterator<DeliveryRecord> it = all.listIterator(); it.hasNext(); ) {
            DeliveryRecord r = it.next();
            if (ACCEPTED.equals(r.result()) && r.deliveryId() != null && r.deliveryId().equals(deliveryId)) {
                it.set(withNotes(r, List.of(note)));
                records.clear();
                records.addAll(all);
                return;
            }
        }
        early.computeIfAbsent(deliveryId, id -> new ArrayList<>()).add(note);
    }

    private static DeliveryRecord withNotes(DeliveryRecord r, List<DeliveryRecord.Note> more) {
        List<DeliveryRecord.Note> notes = new ArrayList<>(r.notes());
        notes.addAll(more);
        return new DeliveryRecord(r.receivedAt(), r.deliveryId(), r.event(), r.repository(), r.ref(), r.result(),
                r.status(), r.started(), r.reason(), notes);
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
