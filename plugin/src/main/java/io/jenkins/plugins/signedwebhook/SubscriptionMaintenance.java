package io.jenkins.plugins.signedwebhook;

import hudson.Extension;
import hudson.init.InitMilestone;
import hudson.init.Initializer;
import hudson.model.Item;
import hudson.model.ItemGroup;
import hudson.model.listeners.ItemListener;
import hudson.security.ACL;
import hudson.security.ACLContext;
import java.util.ArrayList;
import java.util.List;
import jenkins.triggers.TriggeredItem;

/**
 * Keeps the subscription index in step with jobs that are saved, renamed, moved (with their folder too) or deleted,
 * so a delivery never scans the jobs and never starts a job under its old name. Each event rebuilds the index once,
 * however many jobs a folder holds.
 */
@Extension
public class SubscriptionMaintenance extends ItemListener {

    /** Indexes, in one build, every trigger that started while Jenkins loaded its jobs; never stops Jenkins starting. */
    @Initializer(after = InitMilestone.JOB_CONFIG_ADAPTED, fatal = false)
    public static void indexLoadedJobs() {
        WebhookService.get().registerStartedJobs();
    }

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
        try (ACLContext asSystem = ACL.as2(ACL.SYSTEM2)) {
            WebhookService.get().moved(oldFullName, jobsAtOrBelow(item));
        }
    }

    /** Registers every job or computed folder with the trigger at or below {@code item}, and drops the ones without it. */
    static void sync(Item item) {
        try (ACLContext asSystem = ACL.as2(ACL.SYSTEM2)) {
            WebhookService.get().registerAll(jobsAtOrBelow(item));
        }
    }

    /** The items that can have a trigger (jobs, Multibranch Pipelines, organization folders) at or below {@code item}. */
    private static List<Item> jobsAtOrBelow(Item item) {
        List<Item> jobs = new ArrayList<>();
        if (item instanceof TriggeredItem) {
            jobs.add(item);
        }
        if (item instanceof ItemGroup<?> group) {
            for (Item child : group.getAllItems(Item.class)) {
                if (child instanceof TriggeredItem) {
                    jobs.add(child);
                }
            }
        }
        return jobs;
    }
}
