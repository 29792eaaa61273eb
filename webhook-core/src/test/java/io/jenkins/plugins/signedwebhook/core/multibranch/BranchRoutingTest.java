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
    void aPushToABranchWhoseJobExistsBuildsThatJobWithoutIndexing() {
        Route route = BranchRouting.forProject("app", PUSH_MAIN, jobs(Map.of("main", HeadJob.BUILDABLE)));

        assertThat(route).isEqualTo(new Route.Build("app", "main"));
        assertThat(route.scheduled()).isEqualTo("app/main");
        assertThat(route.note()).contains("without indexing");
    }

    @Test
    void aPushToANewBranchIndexesTheProjectAndSaysForWhichBranch() {
        Route route = BranchRouting.forProject("app", CREATE_FEATURE, jobs(Map.of("main", HeadJob.BUILDABLE)));

        assertThat(route).isEqualTo(new Route.Index("app", "feature/login", "branch", Reason.NEW));
        assertThat(route.scheduled()).isEqualTo("app (indexing)");
        assertThat(route.note()).contains("indexing requested for branch feature/login").contains("no job for it yet");
    }

    @Test
    void aDeletedBranchIndexesTheProjectAndNeverBuildsEvenWhenItsJobStillExists() {
        Route route = BranchRouting.forProject("app", DELETE_OLD, jobs(Map.of("feature/old", HeadJob.BUILDABLE)));

        assertThat(route).isEqualTo(new Route.Index("app", "feature/old", "branch", Reason.DELETED));
        assertThat(route.note()).contains("was deleted").contains("nothing is built");
    }

    @Test
    void aPushToABranchWhoseJobIsDisabledIndexesSoBranchApiEnablesIt() {
        Route route = BranchRouting.forProject("app", PUSH_MAIN, jobs(Map.of("main", HeadJob.DISABLED)));

        assertThat(route).isEqualTo(new Route.Index("app", "main", "branch", Reason.DISABLED));
    }

    @Test
    void aTagIsLookedUpByItsNameAndCalledATag() {
        assertThat(BranchRouting.forProject("app", PUSH_TAG, jobs(Map.of("v1.2.0", HeadJob.BUILDABLE))))
                .isEqualTo(new Route.Build("app", "v1.2.0"));
        assertThat(BranchRouting.forProject("app", PUSH_TAG, jobs(Map.of())).note()).contains("tag v1.2.0");
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

        assertThat(BranchRouting.forOrganization("octo-org", PUSH_MAIN, folder)).isEqualTo(new Route.Build("octo-org/app", "main"));
        assertThat(BranchRouting.forOrganization("octo-org", CREATE_FEATURE, folder))
                .isEqualTo(new Route.Index("octo-org/app", "feature/login", "branch", Reason.NEW));
        assertThat(BranchRouting.forOrganization("octo-org", DELETE_OLD, folder))
                .isEqualTo(new Route.Index("octo-org/app", "feature/old", "branch", Reason.DELETED));
        assertThat(asked).containsExactly("app", "app", "app");
    }
}
