package io.jenkins.plugins.signedwebhook;

/** The words of {@link SignedWebhookCause}, apart from Jenkins so they can be checked alone. */
final class CauseDescription {
    private CauseDescription() {}

    /** "Started by GitHub push to main by alice (delivery 72d3162e-…)". */
    static String of(String shortRef, String pusher, String deliveryId, boolean deleted) {
        String text = deleted ? Messages.SignedWebhookCause_Delete(shortRef) : Messages.SignedWebhookCause_Push(shortRef);
        if (pusher != null && !pusher.isEmpty()) {
            text = Messages.SignedWebhookCause_By(text, pusher);
        }
        return deliveryId == null ? text : Messages.SignedWebhookCause_Delivery(text, deliveryId);
    }
}
