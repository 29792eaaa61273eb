package io.jenkins.plugins.signedwebhook;

import hudson.Extension;
import hudson.ExtensionList;
import hudson.model.Job;
import io.jenkins.plugins.signedwebhook.core.inbound.Answer;
import io.jenkins.plugins.signedwebhook.core.inbound.DeliveryLog;
import io.jenkins.plugins.signedwebhook.core.inbound.DeliveryRecord;
import io.jenkins.plugins.signedwebhook.core.inbound.DuplicateWindow;
import io.jenkins.plugins.signedwebhook.core.inbound.InboundRequest;
import io.jenkins.plugins.signedwebhook.core.inbound.WebhookEngine;
import io.jenkins.plugins.signedwebhook.core.match.Subscription;
import io.jenkins.plugins.signedwebhook.core.match.SubscriptionRegistry;
import io.jenkins.plugins.signedwebhook.core.signature.WebhookSecret;
import java.io.File;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;

/**
 * The plugin's one engine: the subscription index kept current by triggers and {@link SubscriptionMaintenance}, the
 * duplicate window, and the delivery log kept in {@code $JENKINS_HOME/signed-webhook/deliveries.json}.
 */
@Extension
public class WebhookService {
    private static final Logger LOGGER = Logger.getLogger(WebhookService.class.getName());
    private static final int DUPLICATE_WINDOW_ENTRIES = 10_000;

    private final SubscriptionRegistry registry = new SubscriptionRegistry();
    private final Map<String, String> problems = new ConcurrentHashMap<>();
    private final Clock clock = Clock.systemUTC();
    private volatile DeliveryLog deliveryLog;
    private volatile DeliveryLogStore store;
    private volatile WebhookEngine engine;

    public static WebhookService get() {
        return ExtensionList.lookupSingleton(WebhookService.class);
    }

    private synchronized WebhookEngine engine() {
        if (engine == null) {
            SignedWebhookConfiguration config = SignedWebhookConfiguration.get();
            deliveryLog = new DeliveryLog(config.getDeliveryLogSize());
            store = new DeliveryLogStore(new File(Jenkins.get().getRootDir(), "signed-webhook/deliveries.json").toPath());
            deliveryLog.restore(store.load());
            engine = newEngine(config);
        }
        return engine;
    }

    private WebhookEngine newEngine(SignedWebhookConfiguration config) {
        return new WebhookEngine(() -> SignedWebhookConfiguration.get().engineSettings(), registry,
                new DuplicateWindow(DUPLICATE_WINDOW_ENTRIES, Duration.ofMinutes(config.getDuplicateWindowMinutes()), clock),
                deliveryLog, new JenkinsBuildScheduler(), clock);
    }

    /** Applies a saved global configuration: log size now, duplicate window for the next deliveries. */
    synchronized void reconfigure(SignedWebhookConfiguration config) {
        if (engine != null) {
            deliveryLog.setCapacity(config.getDeliveryLogSize());
            engine = newEngine(config);
        }
    }

    public Answer handle(InboundRequest request) {
        Answer answer = engine().handle(request);
        store.saveSoon(deliveryLog);
        return answer;
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
        engine();
        return deliveryLog.recent();
    }

    List<DeliveryRecord> deliveriesConcerning(String jobFullName) {
        engine();
        return deliveryLog.concerning(jobFullName);
    }
}
