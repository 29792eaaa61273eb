package io.jenkins.plugins.signedwebhook.core.multibranch;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.signedwebhook.core.event.PushEvent;
import io.jenkins.plugins.signedwebhook.core.event.PushParser;
import io.jenkins.plugins.signedwebhook.core.multibranch.BranchRouting.HeadJob;
import io.jenkins.plugins.signedwebhook.core.multibranch.BranchRouting.Reason;
import io.jenkins.plugins.signedwebhook.core.multibranch.BranchRouting.Route;
import io.jenkins.plugins.signedwebhook.core.testing.Fixtures;
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
    void anEventTheSourceCannotServeBecomesAnIndexingNeverADirectBuild() {
        Route.Event event = new Route.Event("app", "main", "branch", HeadJob.BUILDABLE);

        Route.Index fallback = BranchRouting.unresolved(event);

        assertThat(fallback).isEqualTo(new Route.Index("app", "main", "branch", Reason.UNRESOLVED));
        assertThat(fallback.scheduled()).isEqualTo("app (indexing)");
        assertThat(fallback.note()).contains("could not name its revision");
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
