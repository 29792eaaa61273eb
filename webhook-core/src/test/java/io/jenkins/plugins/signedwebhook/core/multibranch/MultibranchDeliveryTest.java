package io.jenkins.plugins.signedwebhook.core.multibranch;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.signedwebhook.core.inbound.Answer;
import io.jenkins.plugins.signedwebhook.core.inbound.BuildScheduler;
import io.jenkins.plugins.signedwebhook.core.inbound.DeliveryLog;
import io.jenkins.plugins.signedwebhook.core.inbound.DeliveryRecord;
import io.jenkins.plugins.signedwebhook.core.inbound.DuplicateWindow;
import io.jenkins.plugins.signedwebhook.core.inbound.EngineSettings;
import io.jenkins.plugins.signedwebhook.core.inbound.WebhookEngine;
import io.jenkins.plugins.signedwebhook.core.match.PathFilter;
import io.jenkins.plugins.signedwebhook.core.match.RefFilter;
import io.jenkins.plugins.signedwebhook.core.match.RepositoryName;
import io.jenkins.plugins.signedwebhook.core.match.Subscription;
import io.jenkins.plugins.signedwebhook.core.match.SubscriptionIndex;
import io.jenkins.plugins.signedwebhook.core.match.SubscriptionRegistry;
import io.jenkins.plugins.signedwebhook.core.multibranch.BranchRouting.HeadJob;
import io.jenkins.plugins.signedwebhook.core.signature.WebhookSecret;
import io.jenkins.plugins.signedwebhook.core.testing.Deliveries;
import io.jenkins.plugins.signedwebhook.core.testing.Fixtures;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Multibranch projects and organization folders through the engine, with a scheduler that does what the plugin's
 * does: look the branch (or repository) up by name, route with {@link BranchRouting}, and report the route.
 */
class MultibranchDeliveryTest {
    private static final String SECRET = "It's a Secret to Everybody";
    private static final String OTHER_SECRET = "another project's secret";
    private static final byte[] PUSH_MAIN = Fixtures.github("push-branch.json");
    private static final byte[] CREATE_FEATURE = Fixtures.github("create-branch.json");
    private static final byte[] DELETE_OLD = Fixtures.github("delete-branch.json");

    private final Clock clock = Clock.fixed(Instant.parse("2026-12-01T10:00:00Z"), ZoneOffset.UTC);
    private final SubscriptionRegistry registry = new SubscriptionRegistry();
    private final DeliveryLog log = new DeliveryLog(100);
    /** Branch jobs by project full name, then branch name. */
    private final Map<String, Map<String, HeadJob>> projects = new HashMap<>();
    /** Organization folders by full name, each with the repositories it has a project for. */
    private final Map<String, Set<String>> organizations = new HashMap<>();
    /** Projects and folders that are disabled: Jenkins queues nothing for them. */
    private final Set<String> disabled = new java.util.HashSet<>();
    private final List<BranchRouting.Route> routes = new ArrayList<>();
    private final AtomicInteger lookups = new AtomicInteger();
    private final WebhookEngine engine = new WebhookEngine(EngineSettings::defaults, registry,
            new DuplicateWindow(1000, Duration.ofHours(1), clock), log, this::schedule, clock);

    private BuildScheduler.Outcome schedule(Subscription s, BuildScheduler.PushDelivery delivery) {
        BranchRouting.Route route = organizations.containsKey(s.id())
                ? BranchRouting.forOrganization(s.id(), delivery.push(), repository -> {
                    lookups.incrementAndGet();
                    String child = s.id() + "/" + repository;
                    return organizations.get(s.id()).contains(repository)
                            ? Optional.of(new BranchRouting.Child(child, jobsOf(child))) : Optional.empty();
                })
                : BranchRouting.forProject(s.id(), delivery.push(), jobsOf(s.id()));
        routes.add(route);
        if (disabled.contains(s.id())) {
            return new BuildScheduler.NotScheduled(BranchRouting.refused(route, BranchRouting.Refusal.DISABLED));
        }
        return new BuildScheduler.Scheduled(route.scheduled(), route.note());
    }

    private BranchRouting.Project jobsOf(String project) {
        return head -> {
            lookups.incrementAndGet();
            return projects.getOrDefault(project, Map.of()).getOrDefault(head, HeadJob.ABSENT);
        };
    }

    private static Subscription project(String id, String repository, String secret) {
        return new Subscription(id, RepositoryName.require(repository), RefFilter.allBranches(), PathFilter.none(),
                Set.of(Subscription.PUSH), true, List.of(WebhookSecret.of(id + "-secret", secret)));
    }

    private static Subscription organization(String id, String owner, String secret) {
        return new Subscription(id, RepositoryName.parseOwnerWide(owner).orElseThrow(), RefFilter.allBranches(),
                PathFilter.none(), Set.of(Subscription.PUSH), true, List.of(WebhookSecret.of(id + "-secret", secret)));
    }

    private Answer send(byte[] body, String secret) {
        return engine.handle(Deliveries.push(body).signedWith(secret).build());
    }

    private static DeliveryRecord.Note noteOf(Answer a, String subscription) {
        return a.record().notes().stream().filter(n -> n.subscription().equals(subscription)).findFirst().orElseThrow();
    }

    @Test
    void aPushToAnExistingBranchIsAcceptedAsThatBranchJobAndLogged() {
        registry.replace(SubscriptionIndex.of(List.of(project("app", "octo-org/app", SECRET))));
        projects.put("app", Map.of("main", HeadJob.BUILDABLE));

        Answer a = send(PUSH_MAIN, SECRET);

        assertThat(a.status()).isEqualTo(202);
        assertThat(Fixtures.json(a.body()).get("scheduled").get(0).asText()).isEqualTo("app/main");
        assertThat(noteOf(a, "app").outcome()).contains("branch-api event for branch main of app (no indexing)");
        assertThat(log.concerning("app")).hasSize(1);
    }

    @Test
    void aNewBranchIsAcceptedAsAnEventForThatBranchAndTheLogSaysItIsNew() {
        registry.replace(SubscriptionIndex.of(List.of(project("app", "octo-org/app", SECRET))));
        projects.put("app", Map.of("main", HeadJob.BUILDABLE));

        Answer a = send(CREATE_FEATURE, SECRET);

        assertThat(a.status()).isEqualTo(202);
        assertThat(Fixtures.json(a.body()).get("scheduled").get(0).asText()).isEqualTo("app/feature/login");
        assertThat(noteOf(a, "app").outcome()).contains("branch-api event for new branch feature/login");
    }

    @Test
    void aDeletedBranchIndexesAndBuildsNothing() {
        registry.replace(SubscriptionIndex.of(List.of(project("app", "octo-org/app", SECRET))));
        projects.put("app", Map.of("feature/old", HeadJob.BUILDABLE));

        Answer a = send(DELETE_OLD, SECRET);

        assertThat(Fixtures.json(a.body()).get("scheduled").get(0).asText()).isEqualTo("app (indexing)");
        assertThat(routes).allMatch(r -> r instanceof BranchRouting.Route.Index);
    }

    @Test
    void anOrganizationFolderListensToEveryRepositoryOfItsOwnerAndScansForANewOne() {
        registry.replace(SubscriptionIndex.of(List.of(organization("octo-org", "octo-org/*", SECRET))));
        organizations.put("octo-org", Set.of());

        Answer a = send(CREATE_FEATURE, SECRET);

        assertThat(a.status()).isEqualTo(202);
        assertThat(Fixtures.json(a.body()).get("scheduled").get(0).asText()).isEqualTo("octo-org (scan)");
        assertThat(noteOf(a, "octo-org").outcome()).contains("no project for repository app");
    }

    @Test
    void aDisabledFolderIsAnsweredIgnoredWithWhyAndIsAskedAgainOnceEnabled() {
        registry.replace(SubscriptionIndex.of(List.of(organization("octo-org", "octo-org/*", SECRET))));
        organizations.put("octo-org", Set.of());
        disabled.add("octo-org");

        Answer refused = send(CREATE_FEATURE, SECRET);
        disabled.remove("octo-org");
        Answer enabled = send(PUSH_MAIN, SECRET);

        assertThat(refused.status()).isEqualTo(200);
        assertThat(Fixtures.json(refused.body()).get("result").asText()).isEqualTo("ignored");
        assertThat(Fixtures.json(refused.body()).get("reason").asText())
                .contains("octo-org is disabled, so Jenkins queues no scan");
        assertThat(enabled.status()).isEqualTo(202);
        assertThat(Fixtures.json(enabled.body()).get("scheduled").get(0).asText()).isEqualTo("octo-org (scan)");
    }

    /**
     * The first push of a repository had no Jenkinsfile, so the scan made no project; the next push adds one and must
     * scan again, however soon after: Jenkins' queue, not the plugin, folds pushes that arrive while a scan waits.
     */
    @Test
    void everyPushForARepositoryWithoutAProjectAsksForAScanSoALaterJenkinsfileIsFound() {
        registry.replace(SubscriptionIndex.of(List.of(organization("octo-org", "octo-org/*", SECRET))));
        organizations.put("octo-org", Set.of());

        Answer first = send(CREATE_FEATURE, SECRET);
        Answer second = send(PUSH_MAIN, SECRET);

        assertThat(first.status()).isEqualTo(202);
        assertThat(second.status()).as(second.bodyText()).isEqualTo(202);
        assertThat(Fixtures.json(second.body()).get("scheduled").get(0).asText()).isEqualTo("octo-org (scan)");
        assertThat(noteOf(second, "octo-org").outcome()).isEqualTo("scan requested: octo-org has no project for"
                + " repository app yet (folded into a waiting scan of octo-org, if one is queued); the new project's first"
                + " indexing builds its branches with the indexing's cause, not this push's");
        assertThat(routes).containsExactly(new BranchRouting.Route.Scan("octo-org", "app"),
                new BranchRouting.Route.Scan("octo-org", "app"));
    }

    @Test
    void anOrganizationFolderBuildsTheBranchJobOfTheRepositorysProject() {
        registry.replace(SubscriptionIndex.of(List.of(organization("octo-org", "https://github.com/octo-org", SECRET))));
        organizations.put("octo-org", Set.of("app"));
        projects.put("octo-org/app", Map.of("main", HeadJob.BUILDABLE));

        Answer a = send(PUSH_MAIN, SECRET);

        assertThat(Fixtures.json(a.body()).get("scheduled").get(0).asText()).isEqualTo("octo-org/app/main");
    }

    @Test
    void anOrganizationFolderOfAnotherOwnerHearsNothing() {
        registry.replace(SubscriptionIndex.of(List.of(organization("elsewhere", "other-org", SECRET))));

        Answer a = send(PUSH_MAIN, SECRET);

        assertThat(a.status()).isEqualTo(404);
        assertThat(routes).isEmpty();
    }

    @Test
    void aDeliverySignedWithAnotherProjectsSecretStartsNothingInThisOne() {
        registry.replace(SubscriptionIndex.of(List.of(project("app", "octo-org/app", SECRET),
                organization("octo-org", "octo-org", OTHER_SECRET))));
        organizations.put("octo-org", Set.of("app"));
        projects.put("app", Map.of("main", HeadJob.BUILDABLE));
        projects.put("octo-org/app", Map.of("main", HeadJob.BUILDABLE));

        Answer a = send(PUSH_MAIN, OTHER_SECRET);

        assertThat(a.status()).isEqualTo(202);
        assertThat(a.record().started()).containsExactly("octo-org/app/main");
        assertThat(noteOf(a, "app").outcome()).contains("trusts another secret");
        assertThat(send(PUSH_MAIN, "a guess").status()).isEqualTo(403);
        assertThat(routes).hasSize(1);
    }

    @Test
    void aBranchTheProjectsFiltersRefuseIsIgnoredWithTheFilterAndNeverIndexes() {
        registry.replace(SubscriptionIndex.of(List.of(project("app", "octo-org/app", SECRET).withRefs(RefFilter.parse("main")))));

        Answer created = send(CREATE_FEATURE, SECRET);
        Answer deleted = send(DELETE_OLD, SECRET);

        assertThat(created.status()).isEqualTo(200);
        assertThat(Fixtures.json(created.body()).get("result").asText()).isEqualTo("ignored");
        assertThat(noteOf(created, "app").outcome()).contains("does not match main");
        assertThat(noteOf(deleted, "app").outcome()).contains("does not match main");
        assertThat(routes).isEmpty();
    }

    @Test
    void aNewBranchChangingAPathTheFilterAsksForReachesBranchApi() {
        registry.replace(SubscriptionIndex.of(List.of(project("app", "octo-org/app", SECRET)
                .withPaths(PathFilter.parse("src/**", "")))));

        Answer a = send(CREATE_FEATURE, SECRET);

        assertThat(a.status()).isEqualTo(202);
        assertThat(routes).containsExactly(new BranchRouting.Route.Event("app", "feature/login", "branch", HeadJob.ABSENT));
    }

    /** docs/performance.md: a push to one of 1,000 projects of 20 branches each costs what a push to one project does. */
    @Test
    void aPushToOneOfAThousandProjectsConsidersOneSubscriptionAndLooksOneBranchUp() {
        List<Subscription> all = new ArrayList<>();
        for (int p = 0; p < 1000; p++) {
            String id = "project-" + p;
            String repository = p == 500 ? "octo-org/app" : "octo-org/repo-" + p;
            all.add(project(id, repository, SECRET));
            Map<String, HeadJob> branches = new HashMap<>();
            for (int b = 0; b < 19; b++) {
                branches.put("branch-" + b, HeadJob.BUILDABLE);
            }
            branches.put("main", HeadJob.BUILDABLE);
            projects.put(id, branches);
        }
        registry.replace(SubscriptionIndex.of(all));

        Answer a = send(PUSH_MAIN, SECRET);

        assertThat(a.record().started()).containsExactly("project-500/main");
        assertThat(a.record().notes()).extracting(DeliveryRecord.Note::subscription).containsExactly("project-500");
        assertThat(lookups).hasValue(1);
        assertThat(registry.current().forRepository(RepositoryName.require("octo-org/app"))).hasSize(1);
    }
}
