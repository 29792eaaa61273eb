package io.jenkins.plugins.signedwebhook;

import com.cloudbees.hudson.plugins.folder.computed.ComputedFolder;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.Extension;
import hudson.model.CauseAction;
import hudson.model.Item;
import hudson.model.Job;
import io.jenkins.plugins.signedwebhook.core.inbound.BuildScheduler;
import io.jenkins.plugins.signedwebhook.core.multibranch.BranchRouting;
import io.jenkins.plugins.signedwebhook.core.multibranch.BranchRouting.HeadJob;
import io.jenkins.plugins.signedwebhook.core.multibranch.BranchRouting.Route;
import io.jenkins.plugins.signedwebhook.core.event.PushVariables;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import jenkins.branch.MultiBranchProject;
import jenkins.branch.OrganizationFolder;
import jenkins.model.Jenkins;
import jenkins.model.ParameterizedJobMixIn;
import jenkins.scm.api.SCMHeadEvent;

/**
 * Translates between branch-api and {@link BranchRouting}: looks the pushed branch (or the repository's project) up
 * by name, and does what the route says: fire branch-api's event for the pushed head, queue the project's indexing,
 * or queue the folder's scan.
 * Runs as SYSTEM, inside {@link JenkinsBuildScheduler}.
 */
@Extension(optional = true)
public class MultibranchProjects implements ComputedProjects {
    /** Fails this optional extension's loading without branch-api, rather than its first delivery. */
    private static final List<Class<?>> NEEDS = List.of(MultiBranchProject.class, OrganizationFolder.class,
            SCMHeadEvent.class);
    private static final Logger LOGGER = Logger.getLogger(MultibranchProjects.class.getName());
    private static final Clock CLOCK = Clock.systemUTC();
    /**
     * How long an event or deletion's indexing for a source other than git's, and any scan, waits for the forge's API
     * to have the push (at most 300 s); 0 turns it off.
     */
    static final String DELAY_PROPERTY = SignedPushHeadEvent.class.getName() + ".delaySeconds";
    static final int DEFAULT_DELAY_SECONDS = 5;

    @Override
    public Optional<BuildScheduler.Outcome> schedule(Item item, BuildScheduler.PushDelivery delivery) {
        Route route;
        if (item instanceof OrganizationFolder folder) {
            route = BranchRouting.forOrganization(folder.getFullName(), delivery.push(), repository ->
                    Optional.ofNullable(folder.getItemByProjectName(repository))
                            .map(project -> new BranchRouting.Child(project.getFullName(), head -> headJob(project, head))));
        } else if (item instanceof MultiBranchProject<?, ?> project) {
            route = BranchRouting.forProject(project.getFullName(), delivery.push(), head -> headJob(project, head));
        } else {
            return Optional.empty();
        }
        return Optional.of(perform(route, item.getFullName(), delivery));
    }

    private static HeadJob headJob(MultiBranchProject<?, ?> project, String head) {
        Job<?, ?> job = project.getItemByBranchName(head);
        if (job == null) {
            return HeadJob.ABSENT;
        }
        return job instanceof ParameterizedJobMixIn.ParameterizedJob<?, ?> buildable && buildable.isDisabled()
                ? HeadJob.DISABLED : HeadJob.BUILDABLE;
    }

    private BuildScheduler.Outcome perform(Route route, String subscription, BuildScheduler.PushDelivery delivery) {
        if (route instanceof Route.Event event) {
            return fire(event, subscription, delivery);
        }
        String computed = route instanceof Route.Index index ? index.project() : ((Route.Scan) route).folder();
        ComputedFolder<?> folder = Jenkins.get().getItemByFullName(computed, ComputedFolder.class);
        // A deletion's indexing lists heads through the source's API as an event's fetch would, so it waits as long.
        List<String> sources = folder instanceof MultiBranchProject<?, ?> project ? sourceClasses(project) : List.of();
        return index(BranchRouting.timed(route, sources, delaySeconds()), folder, delivery);
    }

    private static List<String> sourceClasses(MultiBranchProject<?, ?> project) {
        return project.getSCMSources().stream().map(source -> source.getClass().getName()).toList();
    }

    private static int delaySeconds() {
        return Integer.getInteger(DELAY_PROPERTY, DEFAULT_DELAY_SECONDS);
    }

    /**
     * Fires branch-api's event for the pushed head, scoped to the one project: branch-api then builds it (or not) by
     * its own rules and records the revision, so no later indexing builds the push again. An event that falls back to
     * indexing says so in the delivery's record, under {@code subscription}.
     */
    private BuildScheduler.Outcome fire(Route.Event found, String subscription, BuildScheduler.PushDelivery delivery) {
        MultiBranchProject<?, ?> project = Jenkins.get().getItemByFullName(found.project(), MultiBranchProject.class);
        // branch-api skips a disabled project's events: reported as not scheduled, so a redelivery is not a duplicate.
        Optional<BranchRouting.Refusal> refusal = project == null ? Optional.of(BranchRouting.Refusal.GONE)
                : project.isDisabled() ? Optional.of(BranchRouting.Refusal.DISABLED)
                : !project.isBuildable() ? Optional.of(BranchRouting.Refusal.UNBUILDABLE)
                : project.getSCMSources().isEmpty() ? Optional.of(BranchRouting.Refusal.NO_SOURCE)
                : Optional.empty();
        if (refusal.isPresent()) {
            return new BuildScheduler.NotScheduled(BranchRouting.refused(found, refusal.get()));
        }
        Route.Event event = found.after(BranchRouting.eventDelay(sourceClasses(project), delaySeconds()));
        SignedPushHeadEvent pushed = new SignedPushHeadEvent(event, delivery,
                PushVariables.of(delivery.deliveryId(), delivery.event(), delivery.push()), CLOCK.millis(),
                project.getSCMSources().size(), why -> fellBack(BranchRouting.unresolved(event, why), subscription,
                        delivery), line -> annotate(line, subscription, delivery));
        if (event.delay().isZero()) {
            SCMHeadEvent.fireNow(pushed);
        } else {
            SCMHeadEvent.fireLater(pushed, event.delay().toSeconds(), TimeUnit.SECONDS);
        }
        return new BuildScheduler.Scheduled(event.scheduled(), event.note());
    }

    /** The event's source named nothing: the project is indexed, and the delivery's record says so and why. */
    private void fellBack(Route.Index fallback, String subscription, BuildScheduler.PushDelivery delivery) {
        BuildScheduler.Outcome outcome = index(fallback,
                Jenkins.get().getItemByFullName(fallback.project(), ComputedFolder.class), delivery);
        annotate(outcome instanceof BuildScheduler.NotScheduled no ? fallback.notQueued(no.reason()) : fallback.note(),
                subscription, delivery);
    }

    /** A line the event adds after the answer: to the delivery's record, under {@code subscription}, and the log. */
    private static void annotate(String line, String subscription, BuildScheduler.PushDelivery delivery) {
        LOGGER.info(line + " (delivery " + delivery.deliveryId() + ")");
        WebhookService.get().annotate(delivery.deliveryId(), subscription, line);
    }

    /**
     * Queues the project's branch indexing (or the folder's scan) with the push as its cause, after the route's delay
     * as the quiet period, or says why not.
     */
    private BuildScheduler.Outcome index(Route route, @CheckForNull ComputedFolder<?> folder,
            BuildScheduler.PushDelivery delivery) {
        BranchRouting.Refusal refusal;
        if (folder == null) {
            refusal = BranchRouting.Refusal.GONE;
        } else if (folder.isDisabled()) {
            refusal = BranchRouting.Refusal.DISABLED;
        } else if (!folder.isBuildable()) {
            refusal = BranchRouting.Refusal.UNBUILDABLE;
        } else if (folder.scheduleBuild2((int) route.delay().toSeconds(), new CauseAction(new SignedWebhookCause(delivery))) == null) {
            refusal = BranchRouting.Refusal.NOT_QUEUED;
        } else {
            return new BuildScheduler.Scheduled(route.scheduled(), route.note());
        }
        return new BuildScheduler.NotScheduled(BranchRouting.refused(route, refusal));
    }
}
