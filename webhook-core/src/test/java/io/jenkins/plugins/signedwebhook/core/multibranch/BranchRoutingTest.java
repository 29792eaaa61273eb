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
        assertThat(((Route.Event) route).created()).isFalse();
        assertThat(route.scheduled()).isEqualTo("app/main");
        assertThat(route.note()).contains("no indexing").contains("unless it built this revision already");
    }

    @Test
    void aPushToANewBranchIsACreatedEventSoBranchApiMakesOnlyThatJob() {
        Route route = BranchRouting.forProject("app", CREATE_FEATURE, jobs(Map.of("main", HeadJob.BUILDABLE)));

        assertThat(route).isEqualTo(new Route.Event("app", "feature/login", "branch", HeadJob.ABSENT));
        assertThat(((Route.Event) route).created()).isTrue();
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
        assertThat(((Route.Event) route).created()).isFalse();
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
