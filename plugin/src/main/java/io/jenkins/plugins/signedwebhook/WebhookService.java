package io.jenkins.plugins.signedwebhook;

import hudson.Extension;
import hudson.ExtensionList;
import hudson.init.Terminator;
import hudson.model.Job;
import io.jenkins.plugins.signedwebhook.core.inbound.Answer;
import io.jenkins.plugins.signedwebhook.core.inbound.DeliveryRecord;
import io.jenkins.plugins.signedwebhook.core.inbound.InboundRequest;
import io.jenkins.plugins.signedwebhook.core.match.Subscription;
import io.jenkins.plugins.signedwebhook.core.match.SubscriptionRegistry;
import io.jenkins.plugins.signedwebhook.core.signature.WebhookSecret;
import java.io.File;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;

/**
 * The plugin's one engine: the subscription index kept current by triggers and {@link SubscriptionMaintenance}, and
 * the {@link InboundDeliveries} (duplicate window and delivery log) under {@code $JENKINS_HOME/signed-webhook/}.
 */
@Extension
public class WebhookService {
    private static final Logger LOGGER = Logger.getLogger(WebhookService.class.getName());
    private final SubscriptionRegistry registry = new SubscriptionRegistry();
    private final Map<String, String> problems = new ConcurrentHashMap<>();
    private final Clock clock = Clock.systemUTC();
    private volatile InboundDeliveries inbound;

    public static WebhookService get() {
        return ExtensionList.lookupSingleton(WebhookService.class);
    }

    /** Opened at the first delivery or page view, and kept until Jenkins stops: settings changes never rebuild it. */
    private InboundDeliveries inbound() {
        InboundDeliveries opened = inbound;
        return opened != null ? opened : open();
    }

    private synchronized InboundDeliveries open() {
        if (inbound == null) {
            inbound = new InboundDeliveries(new File(Jenkins.get().getRootDir(), "signed-webhook").toPath(), registry,
                    new JenkinsBuildScheduler(), () -> SignedWebhookConfiguration.get().inboundSettings(), clock);
        }
        return inbound;
    }

    /** Jenkins stops: the delivery log's pending save is written and its thread ends; accepted ids are already on disk. */
    @Terminator
    public synchronized void stop() {
        if (inbound != null) {
            inbound.close();
        }
    }

    public Answer handle(InboundRequest request) {
        return inbound().handle(request);
    }

    /** (Re)computes the job's subscription from its trigger and swaps it into the index. */
    void register(Job<?, ?> job, SignedWebhookTrigger trigger) {
        String id = job.getFullName();
        Optional<String> problem = trigger.settings().problem();
        if (problem.isPresent()) {
            problems.put(id, problem.get());
            registry.update(index -> index.without(id));
            LOGGER.log(Level.WARNING, "signed webhook trigger of {0} is not active: {1}", new Object[] {id, problem.get()});
            return;
        }
        StringCredentials credential = trigger.lookupCredential(job);
        List<WebhookSecret> secrets = credential == null
                ? List.of()
                : List.of(WebhookSecret.of(trigger.getCredentialsId(), credential.getSecret().getPlainText()));
        if (credential == null) {
            problems.put(id, "No Secret text credential '" + trigger.getCredentialsId()
                    + "' is visible to this job, so no delivery can start it.");
        } else {
            problems.remove(id);
        }
        Subscription subscription = trigger.settings().toSubscription(id, secrets);
        registry.update(index -> index.with(subscription));
    }

    void unregister(String jobFullName) {
        problems.remove(jobFullName);
        registry.update(index -> index.without(jobFullName));
    }

    /** Drops every subscription of a job at or below {@code fullName} (a job, or a folder that was moved or deleted). */
    void unregisterTree(String fullName) {
        registry.update(index -> {
            var result = index;
            for (Subscription s : index.all()) {
                if (s.id().equals(fullName) || s.id().startsWith(fullName + "/")) {
                    result = result.without(s.id());
                    problems.remove(s.id());
                }
            }
            return result;
        });
    }

    List<String> subscribedJobs() {
        return registry.current().all().stream().map(Subscription::id).toList();
    }

    /** Why the job's trigger cannot start builds, for its page; empty when it can. */
    Optional<String> problemOf(String jobFullName) {
        return Optional.ofNullable(problems.get(jobFullName));
    }

    List<DeliveryRecord> recentDeliveries() {
        return inbound().recent();
    }

    List<DeliveryRecord> deliveriesConcerning(String jobFullName) {
        return inbound().concerning(jobFullName);
    }
}
