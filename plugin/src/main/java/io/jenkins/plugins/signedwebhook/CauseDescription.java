package io.jenkins.plugins.signedwebhook;

/** The words of {@link SignedWebhookCause}, apart from Jenkins so they can be checked alone. */
final class CauseDescription {
    private CauseDescription() {}

    /** "Started by GitHub push to main by alice (delivery 72d3162e-…)". */
    static String of(String shortRef, String pusher, String deliveryId, boolean deleted) {
        StringBuilder text = new StringBuilder("Started by GitHub push ");
        text.append(deleted ? "deleting " : "to ").append(shortRef);
        if (pusher != null && !pusher.isEmpty()) {
            text.append(" by ").append(pusher);
        }
        if (deliveryId != null) {
            text.append(" (delivery ").append(deliveryId).append(')');
        }
        return text.toString();
    }
}
