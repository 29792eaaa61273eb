package io.jenkins.plugins.signedwebhook.core.multibranch;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.signedwebhook.core.event.PushEvent;
import io.jenkins.plugins.signedwebhook.core.event.PushParser;
import io.jenkins.plugins.signedwebhook.core.multibranch.BranchRouting.HeadJob;
import io.jenkins.plugins.signedwebhook.core.multibranch.BranchRouting.Reason;
import io.jenkins.plugins.signedwebhook.core.multibranch.BranchRouting.Route;
import io.jenkins.plugins.signedwebhook.core.testing.Fixtures;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BranchRoutingTest {
    private static final PushEvent PUSH_MAIN = push("push-branch.json");
    private static final PushEvent CREATE_FEATURE = push("create-branch.json");
    private static final PushEvent DELETE_OLD = push("delete-branch.json");
    private static final PushEvent PUSH_TAG = push("push-tag.json");

    private static PushEvent push(String fixture) {
        return ((PushParser.Parsed) PushParser.parse(Fixtures.github(fixture))).push();
    }

    private static BranchRouting.Project jobs(Map<String, HeadJob> existing) {
        return head -> existing.getOrDefault(head, HeadJob.ABSENT);
    }

    @Test
    void aPushToABranchWhoseJobExistsIsAnUpdateEventForThatBranchWithoutIndexing() {
        Route route = BranchRouting.forProject("app", PUSH_MAIN, jobs(Map.of("main", HeadJob.BUILDABLE)));

        assertThat(route).isEqualTo(new Route.Event("app", "main", "branch", HeadJob.BUILDABLE));
        assertThat(route.scheduled()).isEqualTo("app/main");
        assertThat(route.note()).contains("no indexing").contains("unless it built this revision already");
    }

    @Test
    void aPushToANewBranchIsAnEventForThatBranchSoBranchApiMakesOnlyThatJob() {
        Route route = BranchRouting.forProject("app", CREATE_FEATURE, jobs(Map.of("main", HeadJob.BUILDABLE)));

        assertThat(route).isEqualTo(new Route.Event("app", "feature/login", "branch", HeadJob.ABSENT));
        assertThat(route.scheduled()).isEqualTo("app/feature/login");
        assertThat(route.note()).contains("new branch feature/login").contains("creates the job");
    }

    @Test
    void aDeletedBranchIndexesTheProjectAndNeverBuildsEvenWhenItsJobStillExists() {
        Route route = BranchRouting.forProject("app", DELETE_OLD, jobs(Map.of("feature/old", HeadJob.BUILDABLE)));

        assertThat(route).isEqualTo(new Route.Index("app", "feature/old", "branch", Reason.DELETED));
        assertThat(route.scheduled()).isEqualTo("app (indexing)");
        assertThat(route.note()).contains("was deleted").contains("nothing is built");
    }

    @Test
    void aPushToABranchWhoseJobIsDisabledIsAnUpdateEventSoBranchApiBringsItBack() {
        Route route = BranchRouting.forProject("app", PUSH_MAIN, jobs(Map.of("main", HeadJob.DISABLED)));

        assertThat(route).isEqualTo(new Route.Event("app", "main", "branch", HeadJob.DISABLED));
        assertThat(route.note()).contains("disabled");
    }

    @Test
    void aTagIsLookedUpByItsNameAndTheNoteSaysBranchApiBuildsTagsOnlyByAStrategy() {
        Route existing = BranchRouting.forProject("app", PUSH_TAG, jobs(Map.of("v1.2.0", HeadJob.BUILDABLE)));
        Route fresh = BranchRouting.forProject("app", PUSH_TAG, jobs(Map.of()));

        assertThat(existing).isEqualTo(new Route.Event("app", "v1.2.0", "tag", HeadJob.BUILDABLE));
        assertThat(fresh.note()).contains("new tag v1.2.0").contains("only if a build strategy");
        assertThat(fresh.note()).doesNotContain("builds it unless");
    }

    @Test
    void aTagPushIsServedOnlyByATagHeadAndABranchPushOnlyByABranchHeadOfItsName() {
        Route.Event tag = (Route.Event) BranchRouting.forProject("app", PUSH_TAG, jobs(Map.of()));
        Route.Event branch = (Route.Event) BranchRouting.forProject("app", PUSH_MAIN, jobs(Map.of()));

        assertThat(tag.names("v1.2.0", true)).isTrue();
        assertThat(tag.names("v1.2.0", false)).as("a branch named like the tag").isFalse();
        assertThat(branch.names("main", false)).isTrue();
        assertThat(branch.names("main", true)).as("a tag named like the branch").isFalse();
        assertThat(branch.names("mainline", false)).isFalse();
    }

    @Test
    void whatWasNotQueuedIsSaidAndADisabledProjectIsNamed() {
        Route event = new Route.Event("app", "main", "branch", HeadJob.BUILDABLE);
        Route index = new Route.Index("app", "old", "branch", Reason.DELETED);

        assertThat(BranchRouting.refused(event, BranchRouting.Refusal.DISABLED))
                .isEqualTo("app is disabled, so branch-api ignores its events");
        assertThat(BranchRouting.refused(index, BranchRouting.Refusal.DISABLED))
                .isEqualTo("app is disabled, so Jenkins queues no indexing");
        assertThat(BranchRouting.refused(index, BranchRouting.Refusal.UNBUILDABLE))
                .isEqualTo("Jenkins cannot start the indexing of app now (a folder above it is disabled, or it has no"
                        + " branch source or navigator)");
        assertThat(BranchRouting.refused(index, BranchRouting.Refusal.NOT_QUEUED))
                .isEqualTo("Jenkins' queue did not take the indexing of app");
        assertThat(BranchRouting.refused(event, BranchRouting.Refusal.NO_SOURCE))
                .isEqualTo("app has no branch source to name the pushed head");
        assertThat(BranchRouting.refused(index, BranchRouting.Refusal.GONE)).isEqualTo("app no longer exists");
    }

    @Test
    void anEventTheSourceCannotServeBecomesAnIndexingNeverADirectBuildAndSaysWhy() {
        Route.Event branch = new Route.Event("app", "main", "branch", HeadJob.BUILDABLE);
        Route.Event tag = new Route.Event("app", "v1", "tag", HeadJob.ABSENT);

        Route.Index none = BranchRouting.unresolved(branch, Reason.NO_REVISION);
        Route.Index otherKind = BranchRouting.unresolved(tag, Reason.OTHER_KIND);
        Route.Index failed = BranchRouting.unresolved(branch, Reason.FAILED);

        assertThat(none).isEqualTo(new Route.Index("app", "main", "branch", Reason.NO_REVISION));
        assertThat(none.scheduled()).isEqualTo("app (indexing)");
        assertThat(none.note()).isEqualTo("indexing requested for branch main of app: its source names no revision"
                + " for branch main, so branch-api's event could not serve it");
        assertThat(otherKind.note()).isEqualTo("indexing requested for tag v1 of app: its source names a branch v1,"
                + " not the tag, so branch-api's event could not serve it");
        assertThat(BranchRouting.unresolved(branch, Reason.OTHER_KIND).note()).contains("names a tag main, not the branch");
        assertThat(failed.note()).isEqualTo("indexing requested for branch main of app: its source failed to name the"
                + " revision of branch main (the Jenkins log says why)");
        assertThat(none.notQueued(BranchRouting.refused(none, BranchRouting.Refusal.DISABLED))).isEqualTo(
                "indexing needed for branch main of app: its source names no revision for branch main, so branch-api's"
                        + " event could not serve it; not queued: app is disabled, so Jenkins queues no indexing");
    }

    /** git's ls-remote is the repository itself; an API-based source reads a cache the forge syncs a moment later. */
    @Test
    void theEventWaitsForAnApiBasedSourceAndGoesAtOnceToGitAlone() {
        String git = BranchRouting.GIT_SCM_SOURCE;
        String github = "org.jenkinsci.plugins.github_branch_source.GitHubSCMSource";

        assertThat(BranchRouting.eventDelay(List.of(git), 5)).isEqualTo(Duration.ZERO);
        assertThat(BranchRouting.eventDelay(List.of(github), 5)).isEqualTo(Duration.ofSeconds(5));
        assertThat(BranchRouting.eventDelay(List.of(git, github), 5)).as("one API source: wait for it")
                .isEqualTo(Duration.ofSeconds(5));
        assertThat(BranchRouting.eventDelay(List.of(github), 0)).as("the property turned off").isEqualTo(Duration.ZERO);
        assertThat(BranchRouting.eventDelay(List.of(github), -3)).isEqualTo(Duration.ZERO);
    }

    /** GitHub Branch Source caps its own event delay at 300 s; a larger property is a typo, not a wish to wait longer. */
    @Test
    void theDelayIsCappedAtFiveMinutesAsGitHubBranchSourceCapsItsOwn() {
        String github = "org.jenkinsci.plugins.github_branch_source.GitHubSCMSource";

        assertThat(BranchRouting.eventDelay(List.of(github), 300)).isEqualTo(Duration.ofSeconds(300));
        assertThat(BranchRouting.eventDelay(List.of(github), 3600)).isEqualTo(Duration.ofSeconds(300));
        assertThat(BranchRouting.scanDelay(3600)).isEqualTo(Duration.ofSeconds(300));
    }

    /** A deletion's indexing reads the same API as an event: it waits as the event would, and git alone goes at once. */
    @Test
    void aDeletionsIndexingWaitsForAnApiBasedSourceAndGoesAtOnceToGitAlone() {
        String github = "org.jenkinsci.plugins.github_branch_source.GitHubSCMSource";
        Route deleted = BranchRouting.forProject("app", DELETE_OLD, jobs(Map.of("feature/old", HeadJob.BUILDABLE)));

        Route gitOnly = BranchRouting.timed(deleted, List.of(BranchRouting.GIT_SCM_SOURCE), 5);
        Route api = BranchRouting.timed(deleted, List.of(github), 5);

        assertThat(gitOnly.delay()).isEqualTo(Duration.ZERO);
        assertThat(gitOnly.note()).isEqualTo(deleted.note());
        assertThat(api).isEqualTo(new Route.Index("app", "feature/old", "branch", Reason.DELETED, Duration.ofSeconds(5)));
        assertThat(api.scheduled()).isEqualTo("app (indexing)");
        assertThat(api.note()).isEqualTo("indexing requested: branch feature/old was deleted, so app's orphaned item"
                + " strategy applies; nothing is built; queued with a 5 s quiet period so the source's API has the push");
        assertThat(BranchRouting.timed(deleted, List.of(github), 0).delay()).as("the property turned off")
                .isEqualTo(Duration.ZERO);
    }

    /** No navigator reads the repository itself (they list the owner's repositories through the forge's API). */
    @Test
    void aScanAlwaysWaitsTheDelayAndItsNoteSaysSo() {
        Route scan = BranchRouting.forOrganization("octo-org", CREATE_FEATURE, repository -> Optional.empty());

        Route timed = BranchRouting.timed(scan, List.of(), 5);

        assertThat(timed).isEqualTo(new Route.Scan("octo-org", "app", Duration.ofSeconds(5)));
        assertThat(BranchRouting.timed(scan, List.of(BranchRouting.GIT_SCM_SOURCE), 5).delay())
                .as("a scan has no sources to go by").isEqualTo(Duration.ofSeconds(5));
        assertThat(BranchRouting.timed(scan, List.of(), 0).delay()).isEqualTo(Duration.ZERO);
        assertThat(timed.note()).contains(", with a 5 s quiet period so the forge's API has the push;");
    }

    /** The scan note promises no fold, and says whose cause the new project's first builds carry (issue 17, item 2). */
    @Test
    void theScanNoteSaysTheFoldIsConditionalAndTheFirstBuildsCarryTheIndexingsCause() {
        Route scan = new Route.Scan("octo-org", "app");

        assertThat(scan.note()).isEqualTo("scan requested: octo-org has no project for repository app yet (folded into"
                + " a waiting scan of octo-org, if one is queued); the new project's first indexing builds its branches"
                + " with the indexing's cause, not this push's");
    }

    /** An API source that still names the old commit after the delay: the delivery log says so, and what to raise. */
    @Test
    void aSourceNamingAnotherCommitThanThePushedOneIsNotedWithTheSettingToRaise() {
        String github = "org.jenkinsci.plugins.github_branch_source.GitHubSCMSource";
        String old = "0123456789abcdef0123456789abcdef01234567";
        String pushed = "89abcdef0123456789abcdef0123456789abcdef";
        Route.Event event = new Route.Event("app", "main", "branch", HeadJob.BUILDABLE).after(Duration.ofSeconds(5));

        assertThat(BranchRouting.staleRevision(event, github, old, pushed, "x.delaySeconds")).contains("the source of"
                + " app names " + old + " for branch main, not the pushed " + pushed + ": unless a later push moved"
                + " the branch, the forge's API had not caught up, and branch-api builds nothing if it built that commit already; raise"
                + " x.delaySeconds (now 5 s)");
        assertThat(BranchRouting.staleRevision(event, github, pushed, pushed, "x")).as("the pushed commit").isEmpty();
        assertThat(BranchRouting.staleRevision(event, github, pushed.toUpperCase(java.util.Locale.ROOT), pushed, "x"))
                .as("the same commit in capitals").isEmpty();
        assertThat(BranchRouting.staleRevision(event, github, "r42", pushed, "x")).as("not a git SHA").isEmpty();
        assertThat(BranchRouting.staleRevision(event, github, old, null, "x")).as("a push without after").isEmpty();
        assertThat(BranchRouting.staleRevision(event, BranchRouting.GIT_SCM_SOURCE, old, pushed, "x"))
                .as("ls-remote reads the repository: another commit is a later push, not a lag").isEmpty();
    }

    @Test
    void aDelayedEventSaysWhenItFiresAndWhatARestartBeforeThenCosts() {
        Route.Event now = new Route.Event("app", "main", "branch", HeadJob.BUILDABLE);
        Route.Event later = now.after(Duration.ofSeconds(5));

        assertThat(now.delay()).isEqualTo(Duration.ZERO);
        assertThat(now.note()).doesNotContain("fired");
        assertThat(later.scheduled()).isEqualTo("app/main");
        assertThat(later.note()).startsWith("branch-api event for branch main of app (no indexing), fired in 5 s so"
                + " the source's API has the push (a restart before then loses it); branch-api builds it unless");
    }

    @Test
    void theBranchIsLookedUpOnceByNameAndADeletionLooksNothingUp() {
        List<String> asked = new ArrayList<>();
        BranchRouting.Project counting = head -> {
            asked.add(head);
            return HeadJob.BUILDABLE;
        };

        BranchRouting.forProject("app", PUSH_MAIN, counting);
        BranchRouting.forProject("app", DELETE_OLD, counting);

        assertThat(asked).containsExactly("main");
    }

    @Test
    void anOrganizationFolderWithoutAProjectForTheRepositoryIsScanned() {
        Route route = BranchRouting.forOrganization("octo-org", CREATE_FEATURE, repository -> Optional.empty());

        assertThat(route).isEqualTo(new Route.Scan("octo-org", "app"));
        assertThat(route.delay()).as("timed by the adapter").isEqualTo(Duration.ZERO);
        assertThat(route.scheduled()).isEqualTo("octo-org (scan)");
        assertThat(route.note()).contains("no project for repository app");
    }

    @Test
    void anOrganizationFolderActsOnTheRepositorysProjectAsAMultibranchProjectWould() {
        BranchRouting.Child app = new BranchRouting.Child("octo-org/app", jobs(Map.of("main", HeadJob.BUILDABLE)));
        List<String> asked = new ArrayList<>();
        BranchRouting.Organization folder = repository -> {
            asked.add(repository);
            return repository.equals("app") ? Optional.of(app) : Optional.empty();
        };

        assertThat(BranchRouting.forOrganization("octo-org", PUSH_MAIN, folder)).isEqualTo(new Route.Event("octo-org/app", "main", "branch", HeadJob.BUILDABLE));
        assertThat(BranchRouting.forOrganization("octo-org", CREATE_FEATURE, folder))
                .isEqualTo(new Route.Event("octo-org/app", "feature/login", "branch", HeadJob.ABSENT));
        assertThat(BranchRouting.forOrganization("octo-org", DELETE_OLD, folder))
                .isEqualTo(new Route.Index("octo-org/app", "feature/old", "branch", Reason.DELETED));
        assertThat(asked).containsExactly("app", "app", "app");
    }
}
