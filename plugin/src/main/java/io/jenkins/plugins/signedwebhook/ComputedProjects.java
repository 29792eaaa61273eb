package io.jenkins.plugins.signedwebhook;

import hudson.ExtensionPoint;
import hudson.model.Item;
import io.jenkins.plugins.signedwebhook.core.inbound.BuildScheduler;
import java.util.Optional;

/**
 * Schedules what a push asks of an item that is not a job (a Multibranch Pipeline, an organization folder). Its one
 * implementation needs branch-api, an optional dependency: without it there is none, and no class of branch-api,
 * cloudbees-folder or scm-api is loaded by the rest of the plugin.
 */
public interface ComputedProjects extends ExtensionPoint {

    /** What was scheduled for {@code item}; empty when the item is not of a kind this knows. */
    Optional<BuildScheduler.Outcome> schedule(Item item, BuildScheduler.PushDelivery delivery);
}
