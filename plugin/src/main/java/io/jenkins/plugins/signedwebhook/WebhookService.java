package io.jenkins.plugins.signedwebhook;

import hudson.Extension;
import hudson.ExtensionList;
import hudson.init.InitMilestone;
import hudson.init.Terminator;
import hudson.model.Item;
import hudson.security.ACL;
import hudson.security.ACLContext;
import io.jenkins.plugins.signedwebhook.core.inbound.Answer;
import io.jenkins.plugins.signedwebhook.core.inbound.DeliveryRecord;
import io.jenkins.plugins.signedwebhook.core.inbound.InboundRequest;
import io.jenkins.plugins.signedwebhook.core.match.SubscriptionRegistry;
import java.io.File;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import jenkins.model.Jenkins;
import jenkins.util.Timer;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;

/**
 * The plugin's one engine: the subscription index kept current by triggers and {@link SubscriptionMaintenance}, and
 * the {@link InboundDeliveries} (duplicate window and delivery log) under {@code $JENKINS_HOME/signed-webhook/}.
 */
@Extension
public class WebhookService {
    private static final Logger LOGGER = Logger.getLogger(WebhookService.class.getName());
    private final SubscriptionRegistry registry = new SubscriptionRegistry();
    private final SubscriptionBook book = new SubscriptionBook(registry);
    private final StartupQueue<StartedTrigger> startedWhileLoading = new StartupQueue<>();
    private final RefreshRequests refreshRequests = new RefreshRequests();
    private final Clock clock = Clock.systemUTC();
    private volatile InboundDeliveries inbound;
    /** Set by the terminator, which runs before Jenkins says it is terminating: no refresh starts after it. */
    private volatile boolean stopped;

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
        stopped = true;
        if (inbound != null) {
            inbound.close();
        }
    }

    public Answer handle(InboundRequest request) {
        return inbound().handle(request);
    }

    /**
     * From {@link AbstractSignedWebhookTrigger#start}. While Jenkins is loading its jobs this only notes the item, and
     * {@link #registerStartedJobs()} indexes them all in one build; afterwards the item is indexed at once.
     */
    void started(Item job, AbstractSignedWebhookTrigger<?> trigger) {
        if (!startedWhileLoading.offer(job.getFullName(), new StartedTrigger(job, trigger), WebhookService::jenkinsIsLoadingJobs)) {
            applied(book.apply(List.of(resolveForRegistration(job, trigger)), List.of()));
        }
    }

    /**
     * From {@link AbstractSignedWebhookTrigger#stop}. Saving a job stops its trigger before the new one starts: while
     * the job exists its subscription stays until the job is looked up again (the save's own event, or a second
     * later), so a push in between is not answered 404.
     */
    void stopped(String jobFullName) {
        startedWhileLoading.remove(jobFullName);
        if (running() && exists(jobFullName)) {
            refreshSoon(jobFullName);
        } else {
            unregister(jobFullName);
        }
    }

    private static boolean exists(String jobFullName) {
        try (ACLContext asSystem = ACL.as2(ACL.SYSTEM2)) {
            return Jenkins.get().getItemByFullName(jobFullName, Item.class) != null;
        }
    }

    /** Indexes every trigger that started while Jenkins was loading, in one build of the index. */
    void registerStartedJobs() {
        List<StartedTrigger> started = startedWhileLoading.drain();
        if (started.isEmpty()) {
            return;
        }
        try (ACLContext asSystem = ACL.as2(ACL.SYSTEM2)) {
            applied(book.apply(started.stream().map(s -> resolveForRegistration(s.job(), s.trigger())).toList(), List.of()));
        }
        LOGGER.log(Level.FINE, "indexed {0} signed webhook triggers that started while Jenkins loaded its jobs", started.size());
    }

    /** Indexes these items as their triggers now say (dropping the ones without one), in one build of the index. */
    void registerAll(Collection<? extends Item> jobs) {
        registerAll(jobs, List.of());
    }

    /** Like {@link #registerAll(Collection)}, and drops what was at or below {@code oldFullName}, in the same build. */
    void moved(String oldFullName, Collection<? extends Item> jobs) {
        registerAll(jobs, book.jobsIn(List.of(oldFullName)));
    }

    private void registerAll(Collection<? extends Item> jobs, Collection<String> gone) {
        List<ResolvedTrigger> fresh = new ArrayList<>();
        List<String> without = new ArrayList<>(gone);
        for (Item job : jobs) {
            AbstractSignedWebhookTrigger<?> trigger = AbstractSignedWebhookTrigger.of(job);
            if (trigger == null) {
                without.add(job.getFullName());
            } else {
                fresh.add(resolveForRegistration(job, trigger));
            }
        }
        applied(book.apply(fresh, without));
    }

    void unregister(String jobFullName) {
        book.apply(List.of(), List.of(jobFullName));
    }

    /** Drops every subscription of a job at or below {@code fullName} (a job, or a folder that was moved or deleted). */
    void unregisterTree(String fullName) {
        book.apply(List.of(), book.jobsIn(List.of(fullName)));
    }

    /**
     * Looks the credentials of the jobs at or below {@code scopes} up again and rebuilds the index only for the
     * ones whose secret (or settings) differ, in one build; returns quietly when Jenkins stops meanwhile.
     */
    void refreshSecrets(Collection<String> scopes) {
        try (ACLContext asSystem = ACL.as2(ACL.SYSTEM2)) {
            SubscriptionBook.Outcome outcome = book.refresh(book.jobsIn(scopes), this::resolve, this::running);
            if (outcome instanceof SubscriptionBook.Outcome.Applied applied) {
                applied(applied);
            }
        }
    }

    /** Asks for {@link #refreshSecrets} of these jobs soon, on Jenkins' timer: saves in a burst cost one refresh. */
    void refreshSoon(String scope) {
        if (running() && refreshRequests.add(scope)) {
            try {
                Timer.get().schedule(this::runRequestedRefresh, 1, TimeUnit.SECONDS);
            } catch (RejectedExecutionException stopping) {
                refreshRequests.take();
            }
        }
    }

    private void runRequestedRefresh() {
        Set<String> scopes = refreshRequests.take();
        if (!scopes.isEmpty() && running()) {
            refreshSecrets(scopes);
        }
    }

    /** Until this service's terminator has run, while Jenkins runs. */
    boolean running() {
        return !stopped && jenkinsIsRunning();
    }

    /** True from the first moment Jenkins runs until it begins to stop. */
    static boolean jenkinsIsRunning() {
        Jenkins jenkins = Jenkins.getInstanceOrNull();
        return jenkins != null && !jenkins.isTerminating();
    }

    private static boolean jenkinsIsLoadingJobs() {
        Jenkins jenkins = Jenkins.getInstanceOrNull();
        return jenkins != null && jenkins.getInitLevel().compareTo(InitMilestone.JOB_CONFIG_ADAPTED) < 0;
    }

    private Optional<ResolvedTrigger> resolve(String jobFullName) {
        Item job = Jenkins.get().getItemByFullName(jobFullName, Item.class);
        AbstractSignedWebhookTrigger<?> trigger = AbstractSignedWebhookTrigger.of(job);
        return trigger == null ? Optional.empty() : Optional.of(resolve(job, trigger));
    }

    /**
     * Like {@link #resolve(Item, AbstractSignedWebhookTrigger)}, but a credential store that fails leaves this one job
     * without a secret (the minute's refresh tries again) instead of failing every job registered with it.
     */
    private static ResolvedTrigger resolveForRegistration(Item job, AbstractSignedWebhookTrigger<?> trigger) {
        try {
            return resolve(job, trigger);
        } catch (RuntimeException e) {
            LOGGER.log(Level.WARNING, "could not look up the webhook credential of " + job.getFullName(), e);
            return new ResolvedTrigger(job.getFullName(), trigger.settings(), trigger.getCredentialsId(), null);
        }
    }

    /** The trigger's settings with its credential looked up now; no look-up while the settings are unusable. */
    private static ResolvedTrigger resolve(Item job, AbstractSignedWebhookTrigger<?> trigger) {
        TriggerSettings settings = trigger.settings();
        StringCredentials credential = settings.problem().isPresent() ? null : trigger.lookupCredential(job);
        return new ResolvedTrigger(job.getFullName(), settings, trigger.getCredentialsId(),
                credential == null ? null : credential.getSecret().getPlainText());
    }

    /** Logs the jobs that a change made unusable, once per change rather than once per refresh. */
    private void applied(SubscriptionBook.Outcome.Applied applied) {
        for (String id : applied.changed()) {
            book.problemOf(id).ifPresent(problem ->
                    LOGGER.log(Level.WARNING, "signed webhook trigger of {0} is not active: {1}", new Object[] {id, problem}));
        }
        if (!applied.failed().isEmpty()) {
            Map.Entry<String, String> first = applied.failed().entrySet().iterator().next();
            LOGGER.log(Level.WARNING, "could not look up the webhook credentials of {0} job(s), which keep their previous secret; {1}: {2}",
                    new Object[] {applied.failed().size(), first.getKey(), first.getValue()});
        }
    }

    /** Why the job's trigger cannot start builds, for its page; empty when it can. */
    Optional<String> problemOf(String jobFullName) {
        return book.problemOf(jobFullName);
    }

    private record StartedTrigger(Item job, AbstractSignedWebhookTrigger<?> trigger) {
    }

    /**
     * Adds a line for {@code subscription} to the record of the accepted delivery {@code deliveryId}: what its work
     * did after the answer (a Multibranch event that fell back to indexing), for the delivery log and the job's page.
     */
    void annotate(String deliveryId, String subscription, String outcome) {
        inbound().annotate(deliveryId, subscription, outcome);
    }

    List<DeliveryRecord> recentDeliveries() {
        return inbound().recent();
    }

    List<DeliveryRecord> deliveriesConcerning(String jobFullName) {
        return inbound().concerning(jobFullName);
    }
}
