package io.jenkins.plugins.signedwebhook;

import io.jenkins.plugins.signedwebhook.core.inbound.DeliveryRecord;
import java.util.List;
import java.util.stream.Collectors;

/** One delivery record as the Jelly tables show it (Jelly reads getters, not record accessors). */
public final class DeliveryRow {
    private final DeliveryRecord record;
    private final String onlyFor;

    /** @param onlyFor when not null, only the notes about this job are shown (a job's own page) */
    DeliveryRow(DeliveryRecord record, String onlyFor) {
        this.record = record;
        this.onlyFor = onlyFor;
    }

    static List<DeliveryRow> of(List<DeliveryRecord> records, String onlyFor) {
        return records.stream().map(r -> new DeliveryRow(r, onlyFor)).toList();
    }

    public String getTime() {
        return record.receivedAt().toString();
    }

    public String getDeliveryId() {
        return orDash(record.deliveryId());
    }

    public String getEvent() {
        return orDash(record.event());
    }

    public String getRepository() {
        return orDash(record.repository());
    }

    public String getRef() {
        return orDash(record.ref());
    }

    /** The answer's result word and HTTP status, e.g. "ignored (200)". */
    public String getVerdict() {
        return record.result() + " (" + record.status() + ")";
    }

    public boolean isStartedSomething() {
        return !record.started().isEmpty();
    }

    public String getStarted() {
        return record.started().isEmpty() ? "-" : String.join(", ", record.started());
    }

    /** Why nothing (more) started: the engine's reason and each job's own outcome. */
    public String getWhy() {
        String notes = record.notes().stream()
                .filter(n -> onlyFor == null || onlyFor.equals(n.subscription()))
                .map(n -> onlyFor == null ? n.subscription() + ": " + n.outcome() : n.outcome())
                .collect(Collectors.joining("; "));
        if (onlyFor != null && !notes.isEmpty()) {
            return notes;
        }
        String reason = record.reason() == null ? "" : record.reason();
        return reason.isEmpty() ? (notes.isEmpty() ? "-" : notes) : reason;
    }

    private static String orDash(String s) {
        return s == null || s.isEmpty() ? "-" : s;
    }
}
