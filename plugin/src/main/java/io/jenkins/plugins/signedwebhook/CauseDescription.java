package io.jenkins.plugins.signedwebhook;

import io.jenkins.plugins.signedwebhook.core.forge.Forge;

/** The words of {@link SignedWebhookCause}, apart from Jenkins so they can be checked alone. */
final class CauseDescription {
    private CauseDescription() {}

    /** "Started by GitHub push to main by alice (delivery 72d3162e-…)". */
    static String of(String shortRef, String pusher, String deliveryId, boolean deleted) {
        return of(Forge.GITHUB, shortRef, pusher, deliveryId, deleted);
    }

    /** "Started by GitLab push to main by alice (delivery …)": the forge that sent the push, by name. */
    static String of(Forge forge, String shortRef, String pusher, String deliveryId, boolean deleted) {
        String name = forge.displayName();
        String text = deleted ? Messages.SignedWebhookCause_Delete(name, shortRef) : Messages.SignedWebhookCause_Push(name, shortRef);
        if (pusher != null && !pusher.isEmpty()) {
            text = Messages.SignedWebhookCause_By(text, pusher);
        }
        return deliveryId == null ? text : Messages.SignedWebhookCause_Delivery(text, deliveryId);
    }
}
