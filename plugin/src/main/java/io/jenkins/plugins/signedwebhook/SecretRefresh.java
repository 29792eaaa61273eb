package io.jenkins.plugins.signedwebhook;

import hudson.Extension;
import hudson.model.AsyncPeriodicWork;
import hudson.model.Job;
import hudson.model.TaskListener;
import hudson.security.ACL;
import hudson.security.ACLContext;
import jenkins.model.Jenkins;

/**
 * Looks the subscribed jobs' credentials up again every minute, so a rotated or newly created secret applies
 * without saving each job.
 */
@Extension
public class SecretRefresh extends AsyncPeriodicWork {

    public SecretRefresh() {
        super("Signed webhook secret refresh");
    }

    @Override
    public long getRecurrencePeriod() {
        return MIN;
    }

    @Override
    protected void execute(TaskListener listener) {
        try (ACLContext asSystem = ACL.as2(ACL.SYSTEM2)) {
            for (String id : WebhookService.get().subscribedJobs()) {
                Job<?, ?> job = Jenkins.get().getItemByFullName(id, Job.class);
                if (job == null) {
                    WebhookService.get().unregister(id);
                } else {
                    SubscriptionMaintenance.sync(job);
                }
            }
        }
    }
}
