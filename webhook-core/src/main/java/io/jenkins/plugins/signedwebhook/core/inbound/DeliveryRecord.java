package io.jenkins.plugins.signedwebhook.core.inbound;

import java.time.Instant;
import java.util.List;

/**
 * What happened to one delivery, for the delivery log that answers "why did my push not build?". Unlike the answer to
 * the sender, it names every subscription considered: it is shown to administrators only.
 *
 * @param repository as the payload named it, null when it named none
 * @param ref the pushed ref, null for events that carry none or when the payload was not read that far
 * @param result the answer's {@code result} word
 * @param started ids of the subscriptions whose builds or commands were started
 * @param reason why nothing (more) was started, in words; null when everything matched went through
 * @param notes one line for each subscription considered
 */
public record DeliveryRecord(
        Instant receivedAt,
        String deliveryId,
        String event,
        String repository,
        String ref,
        String result,
        int status,
        List<String> started,
        String reason,
        List<Note> notes) {

    public DeliveryRecord {
        started = List.copyOf(started);
        notes = List.copyOf(notes);
    }

    /** What one subscription made of the delivery. */
    public record Note(String subscription, String outcome) {}

    public boolean concerns(String subscriptionId) {
        return started.contains(subscriptionId) || notes.stream().anyMatch(n -> n.subscription().equals(subscriptionId));
    }
}
