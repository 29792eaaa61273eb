package io.jenkins.plugins.signedwebhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.signedwebhook.SubscriptionBook.Outcome;
import io.jenkins.plugins.signedwebhook.core.match.RepositoryName;
import io.jenkins.plugins.signedwebhook.core.match.Subscription;
import io.jenkins.plugins.signedwebhook.core.match.SubscriptionRegistry;
import io.jenkins.plugins.signedwebhook.core.signature.WebhookSecret;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The decisions behind start-up, saves and the secret refresh, counted in swaps of the index rather than timed. */
class SubscriptionBookTest {
    private static final int JOBS = 2_001;

    private final SubscriptionRegistry registry = new SubscriptionRegistry();
    private final SubscriptionBook book = new SubscriptionBook(registry);
    /** What the job's trigger and credential say right now, as the resolver would look them up. */
    private final Map<String, ResolvedTrigger> jenkins = new HashMap<>();

    @Test
    void indexingEveryJobAtStartUpBuildsTheIndexOnce() {
        book.apply(jobs(JOBS), List.of());

        assertThat(registry.swaps()).isEqualTo(1);
        assertThat(registry.current().size()).isEqualTo(JOBS);
        assertThat(registry.current().forRepository(RepositoryName.require("octo-org/repo-7")))
                .extracting(Subscription::id).containsExactly("team/job-7");
    }

    @Test
    void aRefreshThatFindsNothingChangedRebuildsNothing() {
        startWith(jobs(JOBS));
        var before = registry.current();

        Outcome outcome = book.refresh(book.jobs(), this::lookUp, () -> true);

        assertThat(outcome).isEqualTo(new Outcome.Applied(List.of(), List.of(), Map.of()));
        assertThat(registry.swaps()).isEqualTo(1);
        assertThat(registry.current()).isSameAs(before);
    }

    @Test
    void oneRotatedSecretRebuildsOnceWithTheNewSecret() {
        startWith(jobs(JOBS));
        Subscription untouched = registry.current().get("team/job-1").orElseThrow();
        rotate("team/job-42", "rotated secret");

        Outcome outcome = book.refresh(book.jobs(), this::lookUp, () -> true);

        assertThat(outcome).isEqualTo(new Outcome.Applied(List.of("team/job-42"), List.of(), Map.of()));
        assertThat(registry.swaps()).isEqualTo(2);
        Subscription rotated = registry.current().get("team/job-42").orElseThrow();
        assertThat(rotated.trusts(WebhookSecret.of("x", "rotated secret"))).isTrue();
        assertThat(rotated.trusts(WebhookSecret.of("x", "secret 42"))).isFalse();
        assertThat(registry.current().get("team/job-1")).containsSame(untouched);
    }

    @Test
    void everySecretChangedInOneRefreshCostsOneRebuild() {
        startWith(jobs(JOBS));
        for (int i = 0; i < 100; i++) {
            rotate("team/job-" + i, "rotated " + i);
        }

        Outcome outcome = book.refresh(book.jobs(), this::lookUp, () -> true);

        assertThat(((Outcome.Applied) outcome).changed()).hasSize(100);
        assertThat(registry.swaps()).isEqualTo(2);
    }

    @Test
    void theSameSecretUnderAnotherCredentialIdIsAChange() {
        startWith(jobs(3));
        ResolvedTrigger job = jenkins.get("team/job-1");
        jenkins.put(job.jobFullName(), new ResolvedTrigger(job.jobFullName(), job.settings(), "renamed-id", job.secret()));

        Outcome outcome = book.refresh(book.jobs(), this::lookUp, () -> true);

        assertThat(((Outcome.Applied) outcome).changed()).containsExactly("team/job-1");
        assertThat(registry.current().get("team/job-1").orElseThrow().secrets())
                .extracting(WebhookSecret::label).containsExactly("renamed-id");
    }

    @Test
    void aJobThatIsGoneOrLostItsTriggerIsDroppedByTheRefresh() {
        startWith(jobs(3));
        jenkins.remove("team/job-2");

        Outcome outcome = book.refresh(book.jobs(), this::lookUp, () -> true);

        assertThat(outcome).isEqualTo(new Outcome.Applied(List.of(), List.of("team/job-2"), Map.of()));
        assertThat(registry.current().get("team/job-2")).isEmpty();
        assertThat(book.jobs()).containsExactlyInAnyOrder("team/job-0", "team/job-1");
    }

    @Test
    void aMissingCredentialKeepsTheJobIndexedWithoutSecretsAndSaysWhy() {
        book.apply(List.of(trigger("team/app", "octo-org/app", null)), List.of());

        assertThat(registry.current().get("team/app").orElseThrow().secrets()).isEmpty();
        assertThat(book.problemOf("team/app")).hasValueSatisfying(p -> assertThat(p).contains("No Secret text credential 'hook-team/app'"));
    }

    @Test
    void aCredentialThatAppearsLaterIsPickedUpAndTheProblemGoes() {
        startWith(List.of(trigger("team/app", "octo-org/app", null)));
        rotate("team/app", "now it exists");

        book.refresh(book.jobs(), this::lookUp, () -> true);

        assertThat(registry.current().get("team/app").orElseThrow().secrets()).hasSize(1);
        assertThat(book.problemOf("team/app")).isEmpty();
    }

    @Test
    void anEmptySecretBuildsNothingAndSaysWhy() {
        book.apply(List.of(trigger("team/app", "octo-org/app", "")), List.of());

        assertThat(registry.current().get("team/app").orElseThrow().secrets()).isEmpty();
        assertThat(book.problemOf("team/app")).hasValueSatisfying(p -> assertThat(p).contains("is empty"));
    }

    @Test
    void unusableSettingsKeepTheJobOutOfTheIndexAndSayWhy() {
        startWith(jobs(2));

        book.apply(List.of(trigger("team/job-1", "not a repository", "secret")), List.of());

        assertThat(registry.current().get("team/job-1")).isEmpty();
        assertThat(book.jobs()).contains("team/job-1");
        assertThat(book.problemOf("team/job-1")).hasValueSatisfying(p -> assertThat(p).contains("is not a repository"));
    }

    @Test
    void aFolderDeletedOrMovedLeavesTheIndexInOneRebuild() {
        List<ResolvedTrigger> all = new ArrayList<>(jobs(5));
        all.add(trigger("team-other/job", "octo-org/other", "secret"));
        book.apply(all, List.of());

        book.apply(List.of(), book.jobsIn(List.of("team")));

        assertThat(registry.swaps()).isEqualTo(2);
        assertThat(registry.current().all()).extracting(Subscription::id).containsExactly("team-other/job");
    }

    @Test
    void scopesNameAJobOrEverythingBelowAFolder() {
        List<ResolvedTrigger> all = new ArrayList<>(jobs(2));
        all.add(trigger("team-other/job", "octo-org/other", "secret"));
        all.add(trigger("team", "octo-org/top", "secret"));
        book.apply(all, List.of());

        assertThat(book.jobsIn(List.of("team"))).containsExactlyInAnyOrder("team", "team/job-0", "team/job-1");
        assertThat(book.jobsIn(List.of("team/job-1", "team-other"))).containsExactlyInAnyOrder("team/job-1", "team-other/job");
        assertThat(book.jobsIn(List.of(SubscriptionBook.EVERY_JOB, "team"))).hasSize(4);
    }

    @Test
    void jenkinsStoppingDuringARefreshAppliesNothingAndThrowsNothing() {
        startWith(jobs(10));
        rotate("team/job-9", "rotated");
        AtomicInteger asked = new AtomicInteger();

        Outcome outcome = book.refresh(book.jobs(), this::lookUp, () -> asked.incrementAndGet() < 5);

        assertThat(outcome).isEqualTo(new Outcome.Stopped());
        assertThat(registry.swaps()).isEqualTo(1);
    }

    @Test
    void aLookupThatFailsBecauseJenkinsIsGoneIsAStop() {
        startWith(jobs(3));
        AtomicInteger asked = new AtomicInteger();

        Outcome outcome = book.refresh(book.jobs(), id -> {
            throw new IllegalStateException("Jenkins.instance is missing");
        }, () -> asked.incrementAndGet() < 2);

        assertThat(outcome).isEqualTo(new Outcome.Stopped());
    }

    @Test
    void aLookupThatFailsKeepsThatJobsPreviousSecret() {
        startWith(jobs(3));
        rotate("team/job-0", "rotated");
        Subscription kept = registry.current().get("team/job-1").orElseThrow();

        Outcome outcome = book.refresh(book.jobs(), id -> {
            if (id.equals("team/job-1")) {
                throw new IllegalArgumentException("vault unreachable");
            }
            return lookUp(id);
        }, () -> true);

        assertThat(outcome).isEqualTo(new Outcome.Applied(List.of("team/job-0"), List.of(), Map.of("team/job-1", "vault unreachable")));
        assertThat(registry.current().get("team/job-1")).containsSame(kept);
    }

    @Test
    void aRefreshNeverUndoesASaveMadeWhileItWasLookingUp() {
        startWith(jobs(2));
        ResolvedTrigger saved = trigger("team/job-0", "octo-org/moved", "secret 0");

        book.refresh(book.jobs(), id -> {
            Optional<ResolvedTrigger> stale = Optional.of(trigger(id, "octo-org/stale", "stale secret"));
            if (id.equals("team/job-0")) {
                book.apply(List.of(saved), List.of());
            }
            return stale;
        }, () -> true);

        assertThat(book.appliedFor("team/job-0")).contains(saved);
        assertThat(registry.current().get("team/job-0").orElseThrow().repository().key()).isEqualTo("octo-org/moved");
        assertThat(registry.current().get("team/job-1").orElseThrow().repository().key()).isEqualTo("octo-org/stale");
    }

    @Test
    void aResolvedTriggerNeverShowsItsSecret() {
        assertThat(trigger("team/app", "octo-org/app", "hunter2").toString()).contains("hook-team/app").doesNotContain("hunter2");
    }

    private void startWith(List<ResolvedTrigger> triggers) {
        triggers.forEach(t -> jenkins.put(t.jobFullName(), t));
        book.apply(triggers, List.of());
        assertThat(registry.swaps()).isEqualTo(1);
    }

    private Optional<ResolvedTrigger> lookUp(String jobFullName) {
        return Optional.ofNullable(jenkins.get(jobFullName));
    }

    private void rotate(String jobFullName, String secret) {
        ResolvedTrigger job = jenkins.get(jobFullName);
        jenkins.put(jobFullName, new ResolvedTrigger(jobFullName, job.settings(), job.credentialsId(), secret));
    }

    private static List<ResolvedTrigger> jobs(int count) {
        List<ResolvedTrigger> jobs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            jobs.add(trigger("team/job-" + i, "octo-org/repo-" + i, "secret " + i));
        }
        return jobs;
    }

    private static ResolvedTrigger trigger(String job, String repository, String secret) {
        return new ResolvedTrigger(job, new TriggerSettings(repository, "main", "", "", false), "hook-" + job, secret);
    }
}
