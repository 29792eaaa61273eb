package io.jenkins.plugins.signedwebhook.core.multibranch;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.signedwebhook.core.event.PushEvent;
import io.jenkins.plugins.signedwebhook.core.event.PushParser;
import io.jenkins.plugins.signedwebhook.core.multibranch.BranchRouting.HeadJob;
import io.jenkins.plugins.signedwebhook.core.multibranch.BranchRouting.Route;
import io.jenkins.plugins.signedwebhook.core.outbound.ManualClock;
import io.jenkins.plugins.signedwebhook.core.testing.Fixtures;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** An organization folder is not rescanned on every push to a repository it will never have a project for. */
class ScanMemoryTest {
    private static final Instant START = Instant.parse("2026-12-01T10:00:00Z");
    private static final PushEvent PUSH_MAIN =
            ((PushParser.Parsed) PushParser.parse(Fixtures.github("push-branch.json"))).push();

    private final ManualClock clock = new ManualClock(START);
    private final ScanMemory scans = new ScanMemory(clock, Duration.ofMinutes(10), 3);
    private final Set<String> projects = new HashSet<>();
    private final BranchRouting.Organization folder = repository -> projects.contains(repository)
            ? Optional.of(new BranchRouting.Child("octo-org/" + repository, head -> HeadJob.BUILDABLE))
            : Optional.empty();

    private Route route() {
        return BranchRouting.forOrganization("octo-org", PUSH_MAIN, folder, scans);
    }

    @Test
    void theFirstPushScansAndTheNextOnesWithinTheRetryIntervalDoNot() {
        assertThat(route()).isEqualTo(new Route.Scan("octo-org", "app"));

        clock.advance(Duration.ofMinutes(9));
        Route again = route();

        assertThat(again).isEqualTo(new Route.Scanned("octo-org", "app", START, START.plus(Duration.ofMinutes(10))));
        assertThat(again.note()).contains("no scan").contains("still has no project for it")
                .contains("2026-12-01T10:10:00Z");
    }

    @Test
    void aScanJenkinsDidNotQueueIsNotRememberedSoTheNextPushAsksAgain() {
        Route first = route();

        String disabled = BranchRouting.refused(first, BranchRouting.Refusal.DISABLED, scans);
        clock.advance(Duration.ofMinutes(1));
        Route second = route();
        String refused = BranchRouting.refused(second, BranchRouting.Refusal.NOT_QUEUED, scans);
        clock.advance(Duration.ofMinutes(1));

        assertThat(disabled).isEqualTo("octo-org is disabled, so Jenkins queues no scan;"
                + " the next push asks for a scan again");
        assertThat(second).isEqualTo(new Route.Scan("octo-org", "app"));
        assertThat(refused).isEqualTo("Jenkins' queue did not take the scan of octo-org; the next push asks for a scan again");
        assertThat(route()).isEqualTo(new Route.Scan("octo-org", "app"));
        assertThat(route()).as("this one was queued: remembered").isInstanceOf(Route.Scanned.class);
    }

    @Test
    void afterTheRetryIntervalAPushScansAgain() {
        route();
        clock.advance(Duration.ofMinutes(10));

        assertThat(route()).isEqualTo(new Route.Scan("octo-org", "app"));
        clock.advance(Duration.ofMinutes(1));
        assertThat(route()).isInstanceOf(Route.Scanned.class);
    }

    @Test
    void onceTheFolderHasAProjectThePushGoesToItAndALaterRemovalScansAtOnce() {
        route();
        projects.add("app");

        assertThat(route()).isEqualTo(new Route.Event("octo-org/app", "main", "branch", HeadJob.BUILDABLE));

        projects.remove("app");
        assertThat(route()).as("the project went away: scan without waiting").isEqualTo(new Route.Scan("octo-org", "app"));
    }

    @Test
    void eachRepositoryAndFolderIsRememberedApartAndTheMemoryIsBounded() {
        assertThat(scans.claim("octo-org", "a")).isEmpty();
        assertThat(scans.claim("other-org", "a")).isEmpty();
        assertThat(scans.claim("octo-org", "b")).isEmpty();
        assertThat(scans.claim("octo-org", "c")).isEmpty();

        assertThat(scans.size()).isEqualTo(3);
        assertThat(scans.claim("octo-org", "a")).as("the eldest was dropped: one more scan, no more").isEmpty();
        assertThat(scans.claim("octo-org", "c")).contains(START);
    }
}
