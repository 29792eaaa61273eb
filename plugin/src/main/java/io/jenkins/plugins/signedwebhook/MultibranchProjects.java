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
import io.jenkins.plugins.signedwebhook.core.multibranch.ScanMemory;
import io.jenkins.plugins.signedwebhook.core.event.PushVariables;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
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

    private final ScanMemory scans = ScanMemory.withDefaults(CLOCK);

    @Override
    public Optional<BuildScheduler.Outcome> schedule(Item item, BuildScheduler.PushDelivery delivery) {
        Route route;
        if (item instanceof OrganizationFolder folder) {
            route = BranchRouting.forOrganization(folder.getFullName(), delivery.push(), repository ->
                    Optional.ofNullable(folder.getItemByProjectName(repository))
                            .map(project -> new BranchRouting.Child(project.getFullName(), head -> headJob(project, head))),
                    scans);
        } else if (item instanceof MultiBranchProject<?, ?> project) {
            route = BranchRouting.forProject(project.getFullName(), delivery.push(), head -> headJob(project, head));
        } else {
            return Optional.empty();
        }
        return Optional.of(perform(route, delivery));
    }

    private static HeadJob headJob(MultiBranchProject<?, ?> project, String head) {
        Job<?, ?> job = project.getItemByBranchName(head);
        if (job == null) {
            return HeadJob.ABSENT;
        }
        return job instanceof ParameterizedJobMixIn.ParameterizedJob<?, ?> buildable && buildable.isDisabled()
                ? HeadJob.DISABLED : HeadJob.BUILDABLE;
    }

    private static BuildScheduler.Outcome perform(Route route, BuildScheduler.PushDelivery delivery) {
        if (route instanceof Route.Event event) {
            return fire(event, delivery);
        }
        if (route instanceof Route.Scanned scanned) {
            return new BuildScheduler.NotScheduled(scanned.note());
        }
        String computed = route instanceof Route.Index index ? index.project() : ((Route.Scan) route).folder();
        return index(Jenkins.get().getItemByFullName(computed, ComputedFolder.class), delivery,
                new BuildScheduler.Scheduled(route.scheduled(), route.note()));
    }

    /**
     * Fires branch-api's event for the pushed head, scoped to the one project: branch-api then builds it (or not) by
     * its own rules and records the revision, so no later indexing builds the push again.
     */
    private static BuildScheduler.Outcome fire(Route.Event event, BuildScheduler.PushDelivery delivery) {
        MultiBranchProject<?, ?> project = Jenkins.get().getItemByFullName(event.project(), MultiBranchProject.class);
        // branch-api skips a disabled project's events: reported as not scheduled, so a redelivery is not a duplicate.
        if (project == null || !project.isBuildable() || project.getSCMSources().isEmpty()) {
            return new BuildScheduler.NotScheduled(Messages.MultibranchProjects_NotIndexed());
        }
        Route.Index fallback = BranchRouting.unresolved(event);
        SCMHeadEvent.fireNow(new SignedPushHeadEvent(event, delivery,
                PushVariables.of(delivery.deliveryId(), delivery.event(), delivery.push()), CLOCK.millis(),
                project.getSCMSources().size(), () -> {
                    LOGGER.info(fallback.note() + " (delivery " + delivery.deliveryId() + ")");
                    index(Jenkins.get().getItemByFullName(fallback.project(), ComputedFolder.class), delivery,
                            new BuildScheduler.Scheduled(fallback.scheduled(), fallback.note()));
                }));
        return new BuildScheduler.Scheduled(event.scheduled(), event.note());
    }

    /** Queues the project's branch indexing (or the folder's scan) with the push as its cause. */
    private static BuildScheduler.Outcome index(@CheckForNull ComputedFolder<?> folder, BuildScheduler.PushDelivery delivery,
            BuildScheduler.Scheduled scheduled) {
        if (folder == null || folder.scheduleBuild2(0, new CauseAction(new SignedWebhookCause(delivery))) == null) {
            return new BuildScheduler.NotScheduled(Messages.MultibranchProjects_NotIndexed());
        }
        return scheduled;
    }
}
