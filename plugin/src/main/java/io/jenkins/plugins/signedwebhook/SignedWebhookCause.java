package io.jenkins.plugins.signedwebhook;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.model.Cause;
import hudson.model.Run;
import io.jenkins.plugins.signedwebhook.core.forge.Forge;
import io.jenkins.plugins.signedwebhook.core.inbound.BuildScheduler;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Why a build started: one push delivery of a forge. Two pushes folded into one queued build keep both causes, so the
 * build page lists both deliveries. Plain fields only: this is saved with the build.
 */
public class SignedWebhookCause extends Cause {
    private final String repository;
    private final String ref;
    private final String shortRef;
    private final String commit;
    private final String pusher;
    private final String deliveryId;
    private final boolean deleted;
    /** The push's {@code WEBHOOK_*} variables, for a build branch-api starts from our event; null otherwise. */
    private final TreeMap<String, String> variables;
    /** A forge id; null in builds of a version before forges, which only GitHub could start. */
    private final String forge;

    SignedWebhookCause(BuildScheduler.PushDelivery delivery) {
        this(delivery, null);
    }

    /** A cause that also gives the build it is added to the push's variables (branch-api adds only causes). */
    SignedWebhookCause(BuildScheduler.PushDelivery delivery, Map<String, String> variables) {
        this.repository = delivery.push().repository().fullName();
        this.ref = delivery.push().ref();
        this.shortRef = delivery.push().shortRef();
        this.commit = delivery.push().after();
        this.pusher = delivery.push().pusher() != null ? delivery.push().pusher() : delivery.push().sender();
        this.deliveryId = delivery.deliveryId();
        this.deleted = delivery.push().deleted();
        this.variables = variables == null ? null : new TreeMap<>(variables);
        this.forge = delivery.push().forge().id();
    }

    @Override
    public void onAddedTo(@NonNull Run build) {
        if (variables != null) {
            // Causes of folded pushes are added oldest first: the newest push's variables are the build's.
            build.replaceAction(new WebhookEnvironmentAction(variables));
        }
    }

    @Override
    public String getShortDescription() {
        return CauseDescription.of(Forge.named(forge).orElse(Forge.GITHUB), shortRef, pusher, deliveryId, deleted);
    }

    public String getRepository() {
        return repository;
    }

    public String getRef() {
        return ref;
    }

    public String getCommit() {
        return commit;
    }

    public String getPusher() {
        return pusher;
    }

    public String getDeliveryId() {
        return deliveryId;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SignedWebhookCause other && Objects.equals(deliveryId, other.deliveryId);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(deliveryId);
    }
}
