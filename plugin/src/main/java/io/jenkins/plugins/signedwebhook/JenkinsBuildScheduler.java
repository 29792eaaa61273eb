package io.jenkins.plugins.signedwebhook;

import hudson.model.CauseAction;
import hudson.model.Job;
import hudson.model.Queue;
import hudson.security.ACL;
import hudson.security.ACLContext;
import io.jenkins.plugins.signedwebhook.core.event.PushVariables;
import io.jenkins.plugins.signedwebhook.core.inbound.BuildScheduler;
import io.jenkins.plugins.signedwebhook.core.match.Subscription;
import jenkins.model.Jenkins;
import jenkins.model.ParameterizedJobMixIn;

/** Queues a build of the subscribed job, as SYSTEM (the sender is anonymous; its signature is its authority). */
final class JenkinsBuildScheduler implements BuildScheduler {

    @Override
    public Outcome schedule(Subscription subscription, PushDelivery delivery) {
        try (ACLContext asSystem = ACL.as2(ACL.SYSTEM2)) {
            Job<?, ?> job = Jenkins.get().getItemByFullName(subscription.id(), Job.class);
            if (job == null) {
                return new NotScheduled("the job no longer exists");
            }
            if (!(job instanceof ParameterizedJobMixIn.ParameterizedJob<?, ?> buildable)) {
                return new NotScheduled("this kind of job cannot be started by a trigger");
            }
            if (buildable.isDisabled()) {
                return new NotScheduled("the job is disabled");
            }
            Queue.Item item = ParameterizedJobMixIn.scheduleBuild2(job, buildable.getQuietPeriod(),
                    new CauseAction(new SignedWebhookCause(delivery)),
                    new WebhookEnvironmentAction(PushVariables.of(delivery.deliveryId(), delivery.event(), delivery.push())));
            return item == null ? new NotScheduled("Jenkins did not queue the build") : new Scheduled(job.getFullName());
        }
    }
}
