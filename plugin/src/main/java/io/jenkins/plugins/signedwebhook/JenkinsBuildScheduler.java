package io.jenkins.plugins.signedwebhook;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import hudson.model.CauseAction;
import hudson.model.Job;
import hudson.model.Queue;
import hudson.security.ACL;
import hudson.security.ACLContext;
import io.jenkins.plugins.signedwebhook.core.event.PushVariables;
import io.jenkins.plugins.signedwebhook.core.inbound.BuildScheduler;
import io.jenkins.plugins.signedwebhook.core.match.Subscription;
import java.util.concurrent.RejectedExecutionException;
import java.util.logging.Level;
import java.util.logging.Logger;
import jenkins.model.Jenkins;
import jenkins.model.ParameterizedJobMixIn;
import jenkins.util.Timer;

/** Queues a build of the subscribed job, as SYSTEM (the sender is anonymous; its signature is its authority). */
final class JenkinsBuildScheduler implements BuildScheduler {
    private static final Logger LOGGER = Logger.getLogger(JenkinsBuildScheduler.class.getName());

    /**
     * The job's secret verified a delivery that started it: its usage page lists the job, as for SCM polling. On
     * Jenkins' timer, after the answer: the look-up may reach an external store, and a fingerprint is written.
     */
    private static void trackSecretUse(Job<?, ?> job) {
        SignedWebhookTrigger trigger = ParameterizedJobMixIn.getTrigger(job, SignedWebhookTrigger.class);
        if (trigger == null) {
            return;
        }
        try {
            Timer.get().submit(() -> {
                try (ACLContext asSystem = ACL.as2(ACL.SYSTEM2)) {
                    CredentialsProvider.track(job, trigger.lookupCredential(job));
                } catch (RuntimeException e) {
                    LOGGER.log(Level.WARNING, "could not record the use of " + job.getFullName() + "'s webhook secret", e);
                }
            });
        } catch (RejectedExecutionException stopping) {
            // The build is queued: a failure here must not make the sender redeliver and build it twice.
            LOGGER.log(Level.FINE, "Jenkins is stopping; the use of " + job.getFullName() + "'s webhook secret is not recorded");
        }
    }

    @Override
    public Outcome schedule(Subscription subscription, PushDelivery delivery) {
        try (ACLContext asSystem = ACL.as2(ACL.SYSTEM2)) {
            Job<?, ?> job = Jenkins.get().getItemByFullName(subscription.id(), Job.class);
            if (job == null) {
                return new NotScheduled(Messages.JenkinsBuildScheduler_JobGone());
            }
            if (!(job instanceof ParameterizedJobMixIn.ParameterizedJob<?, ?> buildable)) {
                return new NotScheduled(Messages.JenkinsBuildScheduler_NotTriggerable());
            }
            if (buildable.isDisabled()) {
                return new NotScheduled(Messages.JenkinsBuildScheduler_Disabled());
            }
            Queue.Item item = ParameterizedJobMixIn.scheduleBuild2(job, buildable.getQuietPeriod(),
                    new CauseAction(new SignedWebhookCause(delivery)),
                    new WebhookEnvironmentAction(PushVariables.of(delivery.deliveryId(), delivery.event(), delivery.push())));
            if (item == null) {
                return new NotScheduled(Messages.JenkinsBuildScheduler_NotQueued());
            }
            trackSecretUse(job);
            return new Scheduled(job.getFullName());
        }
    }
}
