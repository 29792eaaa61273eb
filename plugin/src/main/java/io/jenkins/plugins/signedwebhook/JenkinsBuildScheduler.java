package io.jenkins.plugins.signedwebhook;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import hudson.ExtensionList;
import hudson.model.CauseAction;
import hudson.model.Item;
import hudson.model.Job;
import hudson.model.Queue;
import hudson.security.ACL;
import hudson.security.ACLContext;
import io.jenkins.plugins.signedwebhook.core.event.PushVariables;
import io.jenkins.plugins.signedwebhook.core.inbound.BuildScheduler;
import io.jenkins.plugins.signedwebhook.core.match.Subscription;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import java.util.logging.Level;
import java.util.logging.Logger;
import jenkins.model.Jenkins;
import jenkins.model.ParameterizedJobMixIn;
import jenkins.util.Timer;

/**
 * Queues a build of the subscribed job, or hands a Multibranch Pipeline or organization folder to
 * {@link ComputedProjects}; as SYSTEM (the sender is anonymous; its signature is its authority).
 */
final class JenkinsBuildScheduler implements BuildScheduler {
    private static final Logger LOGGER = Logger.getLogger(JenkinsBuildScheduler.class.getName());

    /**
     * The item's secret verified a delivery that started it: its usage page lists the item, as for SCM polling. On
     * Jenkins' timer, after the answer: the look-up may reach an external store, and a fingerprint is written.
     */
    private static void trackSecretUse(Item item) {
        AbstractSignedWebhookTrigger<?> trigger = AbstractSignedWebhookTrigger.of(item);
        if (trigger == null) {
            return;
        }
        try {
            Timer.get().submit(() -> {
                try (ACLContext asSystem = ACL.as2(ACL.SYSTEM2)) {
                    CredentialsProvider.track(item, trigger.lookupCredential(item));
                } catch (RuntimeException e) {
                    LOGGER.log(Level.WARNING, "could not record the use of " + item.getFullName() + "'s webhook secret", e);
                }
            });
        } catch (RejectedExecutionException stopping) {
            // The build is queued: a failure here must not make the sender redeliver and build it twice.
            LOGGER.log(Level.FINE, "Jenkins is stopping; the use of " + item.getFullName() + "'s webhook secret is not recorded");
        }
    }

    @Override
    public Outcome schedule(Subscription subscription, PushDelivery delivery) {
        try (ACLContext asSystem = ACL.as2(ACL.SYSTEM2)) {
            Item item = Jenkins.get().getItemByFullName(subscription.id(), Item.class);
            if (item == null) {
                return new NotScheduled(Messages.JenkinsBuildScheduler_JobGone());
            }
            Outcome outcome = item instanceof Job<?, ?> job
                    ? queue(job, delivery, new Scheduled(job.getFullName()))
                    : computed(item, delivery);
            if (outcome instanceof Scheduled) {
                trackSecretUse(item);
            }
            return outcome;
        }
    }

    /** What the installed {@link ComputedProjects} (none without branch-api) schedule for a subscribed non-job. */
    private static Outcome computed(Item item, PushDelivery delivery) {
        for (ComputedProjects projects : ExtensionList.lookup(ComputedProjects.class)) {
            Optional<Outcome> outcome = projects.schedule(item, delivery);
            if (outcome.isPresent()) {
                return outcome.get();
            }
        }
        return new NotScheduled(Messages.JenkinsBuildScheduler_NotTriggerable());
    }

    /** Queues the job's build with the push's cause and {@code WEBHOOK_*} variables; {@code scheduled} when it is queued. */
    static Outcome queue(Job<?, ?> job, PushDelivery delivery, Scheduled scheduled) {
        if (!(job instanceof ParameterizedJobMixIn.ParameterizedJob<?, ?> buildable)) {
            return new NotScheduled(Messages.JenkinsBuildScheduler_NotTriggerable());
        }
        if (buildable.isDisabled()) {
            return new NotScheduled(Messages.JenkinsBuildScheduler_Disabled());
        }
        Queue.Item item = ParameterizedJobMixIn.scheduleBuild2(job, buildable.getQuietPeriod(),
                new CauseAction(new SignedWebhookCause(delivery)),
                new WebhookEnvironmentAction(PushVariables.of(delivery.deliveryId(), delivery.event(), delivery.push())));
        return item == null ? new NotScheduled(Messages.JenkinsBuildScheduler_NotQueued()) : scheduled;
    }
}
