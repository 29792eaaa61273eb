package io.jenkins.plugins.signedwebhook;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.model.ManagementLink;
import java.io.IOException;
import java.util.List;
import jenkins.model.Jenkins;

/** Manage Jenkins → Signed webhook deliveries: every recent delivery and why it did or did not build, and the outbound callbacks. Administrators only. */
@Extension
public class DeliveryLogLink extends ManagementLink {

    @Override
    public String getIconFileName() {
        return "symbol-logs";
    }

    @Override
    public String getDisplayName() {
        return Messages.DeliveryLogLink_DisplayName();
    }

    @Override
    public String getDescription() {
        return Messages.DeliveryLogLink_Description();
    }

    @Override
    public String getUrlName() {
        return "signed-webhook-deliveries";
    }

    @NonNull
    @Override
    public Category getCategory() {
        return Category.STATUS;
    }

    /** The rows of the page; checks the permission itself, whatever the view does. */
    public List<DeliveryRow> getDeliveries() {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        return DeliveryRow.of(WebhookService.get().recentDeliveries(), null);
    }

    /** Outbound {@code notifyWebhook} callbacks: queued and given up ones from the outbox, then recent ones. */
    public List<CallbackRow> getCallbacks() throws IOException {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        return CallbackService.get().rows();
    }

    public String getEndpointUrl() {
        String root = Jenkins.get().getRootUrl();
        return (root == null ? "https://<your-jenkins>/" : root) + SignedWebhookEndpoint.URL_NAME + "/";
    }
}
