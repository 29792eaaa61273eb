package io.jenkins.plugins.signedwebhook;

import hudson.model.Action;
import hudson.model.Item;
import java.util.List;

/**
 * A job's (or Multibranch Pipeline's, or organization folder's) own recent deliveries, from its trigger, for those who
 * may configure it; also shows on its page when the trigger cannot start builds (missing credential, bad pattern),
 * so nothing fails silently.
 */
public class JobDeliveriesAction implements Action {
    private final Item job;

    JobDeliveriesAction(Item job) {
        this.job = job;
    }

    public Item getJob() {
        return job;
    }

    @Override
    public String getIconFileName() {
        return job.hasPermission(Item.CONFIGURE) ? "symbol-logs" : null;
    }

    @Override
    public String getDisplayName() {
        return Messages.JobDeliveriesAction_DisplayName();
    }

    @Override
    public String getUrlName() {
        return "signed-webhook-deliveries";
    }

    public List<DeliveryRow> getDeliveries() {
        job.checkPermission(Item.CONFIGURE);
        return DeliveryRow.of(WebhookService.get().deliveriesConcerning(job.getFullName()), job.getFullName());
    }

    /** Why the trigger cannot start builds, or null; shown on the job page to those who can configure it. */
    public String getProblem() {
        return job.hasPermission(Item.CONFIGURE) ? WebhookService.get().problemOf(job.getFullName()).orElse(null) : null;
    }
}
