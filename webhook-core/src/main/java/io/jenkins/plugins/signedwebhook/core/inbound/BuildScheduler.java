package io.jenkins.plugins.signedwebhook.core.inbound;

import io.jenkins.plugins.signedwebhook.core.event.PushEvent;
import io.jenkins.plugins.signedwebhook.core.match.Subscription;

/**
 * What an adapter does with a matched push: queue a Jenkins build, run a receiver hook's command. It makes no
 * decision the engine could make; it only reports whether its framework took the work.
 */
@FunctionalInterface
public interface BuildScheduler {

    /**
     * @throws RuntimeException when the framework failed to take the work for a reason that may pass (a store that
     *     cannot be written); the engine answers {@link Verdict.Unavailable} unless another subscription was scheduled
     */
    Outcome schedule(Subscription subscription, PushDelivery delivery);

    /**
     * A verified push with the headers that came with it.
     *
     * @param bodyDigest of the body as received, for an adapter that stores the accepted delivery with its work
     * @param acceptanceKey what an adapter records this work as accepted under: the delivery id, with a line break and
     *     the ref after it when one delivery carries several refs (a Bitbucket push), so that each ref's work is its
     *     own (no header value holds a line break)
     */
    record PushDelivery(String deliveryId, String event, PushEvent push, BodyDigest bodyDigest, String acceptanceKey) {
        public PushDelivery(String deliveryId, String event, PushEvent push, BodyDigest bodyDigest) {
            this(deliveryId, event, push, bodyDigest, deliveryId);
        }

        public PushDelivery(String deliveryId, String event, PushEvent push) {
            this(deliveryId, event, push, null);
        }

        /** One ref of a delivery that carries several. */
        public static PushDelivery oneOfSeveral(String deliveryId, String event, PushEvent push, BodyDigest bodyDigest) {
            return new PushDelivery(deliveryId, event, push, bodyDigest, deliveryId + "\n" + push.ref());
        }

        /** The delivery id an {@link #acceptanceKey()} was made from. */
        public static String deliveryIdOf(String acceptanceKey) {
            int end = acceptanceKey.indexOf('\n');
            return end < 0 ? acceptanceKey : acceptanceKey.substring(0, end);
        }
    }

    sealed interface Outcome {}

    /**
     * @param name what the sender is told was scheduled (a job's full name, a hook's name, {@code project (indexing)})
     * @param note what the delivery log says of it beside the name (indexing asked for a new branch), or null
     */
    record Scheduled(String name, String note) implements Outcome {
        public Scheduled(String name) {
            this(name, null);
        }
    }

    /**
     * The framework had already taken this delivery id (another replica of a receiver on a shared store accepted it):
     * answered as a duplicate, with when it was accepted and what it started.
     *
     * @param firstDelivery the id it was first accepted under (another one for its body replayed under a new id), or
     *     null when the framework does not know it
     */
    record AlreadyAccepted(java.time.Instant acceptedAt, java.util.List<String> started, String firstDelivery)
            implements Outcome {
        public AlreadyAccepted {
            started = java.util.List.copyOf(started);
        }

        public AlreadyAccepted(java.time.Instant acceptedAt, java.util.List<String> started) {
            this(acceptedAt, started, null);
        }
    }

    /** The framework refused (a disabled job, a full queue); {@code reason} goes to the delivery log. */
    record NotScheduled(String reason) implements Outcome {}
}
