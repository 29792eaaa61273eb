package io.jenkins.plugins.signedwebhook;

import hudson.Extension;
import hudson.model.Item;
import hudson.model.ItemGroup;
import hudson.model.Job;
import hudson.model.listeners.ItemListener;
import hudson.security.ACL;
import hudson.security.ACLContext;
import java.util.ArrayList;
import java.util.List;
import jenkins.model.ParameterizedJobMixIn;

/**
 * Keeps the subscription index in step with jobs that are saved, renamed, moved (with their folder too) or deleted,
 * so a delivery never scans the jobs and never starts a job under its old name.
 */
@Extension
public class SubscriptionMaintenance extends ItemListener {

    @Override
    public void onUpdated(Item item) {
        sync(item);
    }

    @Override
    public void onCreated(Item item) {
        sync(item);
    }

    @Override
    public void onDeleted(Item item) {
        WebhookService.get().unregisterTree(item.getFullName());
    }

    @Override
    public void onLocationChanged(Item item, String oldFullName, String newFullName) {
        WebhookService.get().unregisterTree(oldFullName);
        sync(item);
    }

    /** Registers every job with the trigger at or below {@code item}, and drops the ones without it. */
    static void sync(Item item) {
        try (ACLContext asSystem = ACL.as2(ACL.SYSTEM2)) {
            for (Job<?, ?> job : jobsAtOrBelow(item)) {
                SignedWebhookTrigger trigger = ParameterizedJobMixIn.getTrigger(job, SignedWebhookTrigger.class);
                if (trigger == null) {
                    WebhookService.get().unregister(job.getFullName());
                } else {
                    WebhookService.get().register(job, trigger);
                }
            }
        }
    }

    private static List<Job<?, ?>> jobsAtOrBelow(Item item) {
        List<Job<?, ?>> jobs = new ArrayList<>();
        if (item instanceof Job<?, ?> job) {
            jobs.add(job);
        }
        if (item instanceof ItemGroup<?> group) {
            for (Job<?, ?> job : group.getAllItems(Job.class)) {
                jobs.add(job);
            }
        }
        return jobs;
    }
}
