package io.jenkins.plugins.signedwebhook.core.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.signedwebhook.core.event.PushEvent;
import io.jenkins.plugins.signedwebhook.core.event.PushVariables;
import io.jenkins.plugins.signedwebhook.core.forge.Forge;
import io.jenkins.plugins.signedwebhook.core.match.PathFilter;
import io.jenkins.plugins.signedwebhook.core.match.RefFilter;
import io.jenkins.plugins.signedwebhook.core.match.RepositoryName;
import io.jenkins.plugins.signedwebhook.core.match.Subscription;
import io.jenkins.plugins.signedwebhook.core.match.SubscriptionIndex;
import io.jenkins.plugins.signedwebhook.core.match.SubscriptionRegistry;
import io.jenkins.plugins.signedwebhook.core.signature.WebhookSecret;
import io.jenkins.plugins.signedwebhook.core.testing.Deliveries;
import io.jenkins.plugins.signedwebhook.core.testing.ForgeDeliveries;
import io.jenkins.plugins.signedwebhook.core.testing.Fixtures;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Gitea, Forgejo, GitLab and Bitbucket Cloud deliveries through the single entry point, built from payloads shaped as
 * each forge documents them (see the README beside each fixture directory) and signed with each forge's scheme.
 */
class ForgesEngineTest {
    private static final String SECRET = "It's a Secret to Everybody";
    /** A signing token in GitLab's form: whsec_ and the base64 of 32 bytes. */
    private static final String WHSEC = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
    private static final byte[] GITEA = Fixtures.forge("gitea", "push.json");
    private static final byte[] GITLAB = Fixtures.forge("gitlab", "push.json");
    private static final byte[] GITLAB_TAG = Fixtures.forge("gitlab", "tag-push.json");
    private static final byte[] BITBUCKET = Fixtures.forge("bitbucket", "push-multi.json");

    private final SubscriptionRegistry registry = new SubscriptionRegistry();
    private final DeliveryLog log = new DeliveryLog(100);
    private final List<BuildScheduler.PushDelivery> builds = new ArrayList<>();
    private final List<String> built = new ArrayList<>();
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private EngineSettings settings = EngineSettings.defaults();
    private final WebhookEngine engine = new WebhookEngine(() -> settings, registry,
            new DuplicateWindow(1000, Duration.ofHours(1), clock), log, (s, d) -> {
                builds.add(d);
                built.add(s.id() + "@" + d.push().ref());
                return new BuildScheduler.Scheduled(s.id());
            }, clock);

    private void subscribe(Subscription... subscriptions) {
        registry.replace(SubscriptionIndex.of(Arrays.asList(subscriptions)));
    }

    private static Subscription of(String id, Forge forge, String repository, String secret) {
        return new Subscription(id, Subscription.repositoryOf(forge, repository).orElseThrow(), RefFilter.parse(""),
                PathFilter.none(), Set.of(Subscription.PUSH), false, List.of(WebhookSecret.of(id + "-secret", secret)),
                forge, null, false);
    }

    private Answer send(ForgeDeliveries d) {
        return engine.handle(d.build());
    }

    private static void assertAnswer(Answer a, int status, String result) {
        assertThat(a.status()).as(a.bodyText()).isEqualTo(status);
        JsonNode body = Fixtures.json(a.body());
        assertThat(body.get("result").asText()).isEqualTo(result);
        assertThat(body.get("message").asText()).isNotBlank();
    }

    private static long now() {
        return NOW.getEpochSecond();
    }

    @Test
    void giteaPushSignedWithBareHexBuildsTheGiteaSubscription() {
        subscribe(of("gitea-app", Forge.GITEA, "gitea/webhooks", SECRET));
        ForgeDeliveries d = ForgeDeliveries.gitea(GITEA, SECRET);

        Answer a = send(d);

        assertAnswer(a, 202, "accepted");
        assertThat(built).containsExactly("gitea-app@refs/heads/develop");
        PushEvent push = builds.get(0).push();
        assertThat(push.forge()).isEqualTo(Forge.GITEA);
        assertThat(push.pusher()).isEqualTo("gitea");
        assertThat(push.repository().host()).contains("gitea.example.com");
        Map<String, String> env = PushVariables.of(builds.get(0).deliveryId(), builds.get(0).event(), push);
        assertThat(env).containsEntry("WEBHOOK_FORGE", "gitea").containsEntry("WEBHOOK_EVENT", "push")
                .containsEntry("WEBHOOK_DELIVERY", d.deliveryId()).containsEntry("WEBHOOK_BRANCH", "develop")
                .containsEntry("WEBHOOK_COMMIT", "bffeb74224043ba2feb48d137756c8a9331c449a")
                .containsEntry("WEBHOOK_REPOSITORY", "gitea/webhooks").containsEntry("WEBHOOK_PUSHER", "gitea");
        assertThat(log.recent()).singleElement().satisfies(r -> {
            assertThat(r.deliveryId()).isEqualTo(d.deliveryId());
            assertThat(r.event()).isEqualTo("push");
        });
    }

    @Test
    void giteaSignatureOverAnotherBodyIsRefused() {
        subscribe(of("gitea-app", Forge.GITEA, "gitea/webhooks", SECRET));
        ForgeDeliveries d = ForgeDeliveries.gitea(GITEA, SECRET).replace("X-Gitea-Signature", ForgeDeliveries.hex(SECRET, GITLAB));

        assertAnswer(send(d), 403, "bad_signature");
        assertThat(built).isEmpty();
    }

    @Test
    void giteaDeliveryNeverMatchesAGitHubSubscriptionThoughItAlsoSendsGitHubHeaders() {
        subscribe(of("github-app", Forge.GITHUB, "gitea/webhooks", SECRET));

        Answer a = send(ForgeDeliveries.gitea(GITEA, SECRET));

        assertAnswer(a, 404, "no_subscription");
        assertThat(built).isEmpty();
        assertThat(a.record().notes()).singleElement().satisfies(n -> assertThat(n.outcome())
                .contains("listens to GitHub").contains("came from Gitea"));
    }

    @Test
    void gitHubDeliveryNeverMatchesAGiteaSubscription() {
        subscribe(of("gitea-app", Forge.GITEA, "octo-org/app", SECRET));

        Answer a = engine.handle(Deliveries.push(Fixtures.github("push-branch.json")).signedWith(SECRET).build());

        assertAnswer(a, 404, "no_subscription");
        assertThat(built).isEmpty();
    }

    @Test
    void forgejoDeliveryIsForgejoNotGitea() {
        subscribe(of("gitea-app", Forge.GITEA, "gitea/webhooks", SECRET));
        assertAnswer(send(ForgeDeliveries.forgejo(GITEA, SECRET)), 404, "no_subscription");

        subscribe(of("forgejo-app", Forge.FORGEJO, "gitea/webhooks", SECRET));
        assertAnswer(send(ForgeDeliveries.forgejo(GITEA, SECRET)), 202, "accepted");
        assertThat(builds.get(0).push().forge()).isEqualTo(Forge.FORGEJO);
    }

    @Test
    void theSameOwnerAndNameOnTwoHostsAreTwoRepositories() {
        subscribe(of("here", Forge.GITEA, "gitea/webhooks", SECRET).withHost("gitea.example.com"),
                of("elsewhere", Forge.GITEA, "gitea/webhooks", SECRET).withHost("git.other.example"));

        Answer a = send(ForgeDeliveries.gitea(GITEA, SECRET));

        assertAnswer(a, 202, "accepted");
        assertThat(built).containsExactly("here@refs/heads/develop");
        assertThat(a.record().notes()).anySatisfy(n -> {
            assertThat(n.subscription()).isEqualTo("elsewhere");
            assertThat(n.outcome()).contains("on git.other.example, not on gitea.example.com");
        });
    }

    @Test
    void gitLabPushSignedWithStandardWebhooksBuildsAndReadsItsPaths() {
        subscribe(of("gl", Forge.GITLAB, "mike/diaspora", WHSEC).withPaths(PathFilter.parse("CHANGELOG", "")));
        ForgeDeliveries d = ForgeDeliveries.gitlab(GITLAB, WHSEC, "Push Hook", now());

        Answer a = send(d);

        assertAnswer(a, 202, "accepted");
        PushEvent push = builds.get(0).push();
        assertThat(push.forge()).isEqualTo(Forge.GITLAB);
        assertThat(push.after()).isEqualTo("da1560886d4f094c3e6c9ef40349f7d38b5d27d7");
        assertThat(push.pusher()).isEqualTo("jsmith");
        assertThat(push.changedPaths()).containsExactlyInAnyOrder("CHANGELOG", "app/controller/application.rb");
        assertThat(push.pathsComplete()).isTrue();
        assertThat(a.record().deliveryId()).isEqualTo(d.deliveryId());
        assertThat(a.record().event()).isEqualTo("Push Hook");
        assertThat(builds.get(0).event()).isEqualTo("push");
    }

    @Test
    void gitLabPathFilterRefusesAPushThatListsEveryCommitAndTouchesNothingIncluded() {
        subscribe(of("gl", Forge.GITLAB, "mike/diaspora", WHSEC).withPaths(PathFilter.parse("docs/**", "")));

        Answer a = send(ForgeDeliveries.gitlab(GITLAB, WHSEC, "Push Hook", now()));

        assertAnswer(a, 200, "ignored");
        assertThat(built).isEmpty();
    }

    @Test
    void gitLabPathFilterPassesWhenGitLabCutTheCommitList() {
        String cut = new String(GITLAB, StandardCharsets.UTF_8).replace("\"total_commits_count\": 2", "\"total_commits_count\": 45");
        byte[] body = cut.getBytes(StandardCharsets.UTF_8);
        subscribe(of("gl", Forge.GITLAB, "mike/diaspora", WHSEC).withPaths(PathFilter.parse("docs/**", "")));

        assertAnswer(send(ForgeDeliveries.gitlab(body, WHSEC, "Push Hook", now())), 202, "accepted");
    }

    @Test
    void gitLabTagPushHookMatchesATagPattern() {
        subscribe(of("release", Forge.GITLAB, "jsmith/example", WHSEC).withRefs(RefFilter.parse("refs/tags/v*")));

        Answer a = send(ForgeDeliveries.gitlab(GITLAB_TAG, WHSEC, "Tag Push Hook", now()));

        assertAnswer(a, 202, "accepted");
        assertThat(builds.get(0).push().created()).isTrue();
        assertThat(PushVariables.of("x", "push", builds.get(0).push())).containsEntry("WEBHOOK_TAG", "v1.0.0")
                .containsEntry("WEBHOOK_FORGE", "gitlab");
    }

    @Test
    void gitLabTimestampJustInsideTheToleranceIsAcceptedOnBothSides() {
        subscribe(of("gl", Forge.GITLAB, "mike/diaspora", WHSEC));
        byte[] second = new String(GITLAB, StandardCharsets.UTF_8).replace("fixed readme", "fixed readme again")
                .getBytes(StandardCharsets.UTF_8);
        assertAnswer(send(ForgeDeliveries.gitlab(GITLAB, WHSEC, "Push Hook", now() - 300)), 202, "accepted");
        assertAnswer(send(ForgeDeliveries.gitlab(second, WHSEC, "Push Hook", now() + 300)), 202, "accepted");
    }

    @Test
    void aGitLabTagDeletedAndPushedAgainAtTheSameCommitBuildsAgainThoughItsBodyIsTheSame() {
        // GitLab's push carries nothing of its own beyond its id, which its signature covers: a copy under a new id does not verify.
        subscribe(of("release", Forge.GITLAB, "jsmith/example", WHSEC).withRefs(RefFilter.parse("refs/tags/v*")));

        assertAnswer(send(ForgeDeliveries.gitlab(GITLAB_TAG, WHSEC, "Tag Push Hook", now())), 202, "accepted");
        assertAnswer(send(ForgeDeliveries.gitlab(GITLAB_TAG, WHSEC, "Tag Push Hook", now())), 202, "accepted");

        assertThat(builds).hasSize(2);
    }

    @Test
    void aGitLabTokenOnlyPushRepeatedWithTheSameBodyBuildsAgainSinceTheTokenProvesNothingOfTheBody() {
        subscribe(of("gl", Forge.GITLAB, "mike/diaspora", SECRET).withTokenOnly(true));

        assertAnswer(send(ForgeDeliveries.gitlabToken(GITLAB, SECRET, "Push Hook")), 202, "accepted");
        assertAnswer(send(ForgeDeliveries.gitlabToken(GITLAB, SECRET, "Push Hook")), 202, "accepted");

        assertThat(builds).hasSize(2);
    }

    @Test
    void aGiteaBodySentAgainUnderANewIdIsADuplicateOfTheFirst() {
        subscribe(of("gitea-app", Forge.GITEA, "gitea/webhooks", SECRET));

        assertAnswer(send(ForgeDeliveries.gitea(GITEA, SECRET)), 202, "accepted");
        Answer copy = send(ForgeDeliveries.gitea(GITEA, SECRET));

        assertAnswer(copy, 200, "duplicate");
        assertThat(builds).hasSize(1);
    }

    @Test
    void gitLabTimestampOutsideTheToleranceIsItsOwn403OnBothSides() {
        subscribe(of("gl", Forge.GITLAB, "mike/diaspora", WHSEC));

        Answer old = send(ForgeDeliveries.gitlab(GITLAB, WHSEC, "Push Hook", now() - 301));
        Answer future = send(ForgeDeliveries.gitlab(GITLAB, WHSEC, "Push Hook", now() + 301));

        assertAnswer(old, 403, "stale_timestamp");
        assertThat(old.bodyText()).contains("behind");
        assertAnswer(future, 403, "stale_timestamp");
        assertThat(future.bodyText()).contains("ahead of");
        assertThat(built).isEmpty();
    }

    @Test
    void aLongerGitLabTimestampToleranceAcceptsWhatTheDefaultRefusesAndStillRefusesPastIt() {
        subscribe(of("gl", Forge.GITLAB, "mike/diaspora", WHSEC));
        byte[] second = new String(GITLAB, StandardCharsets.UTF_8).replace("fixed readme", "fixed readme again")
                .getBytes(StandardCharsets.UTF_8);
        settings = EngineSettings.defaults().withTimestampTolerance(Duration.ofMinutes(10));

        assertAnswer(send(ForgeDeliveries.gitlab(GITLAB, WHSEC, "Push Hook", now() - 600)), 202, "accepted");
        assertAnswer(send(ForgeDeliveries.gitlab(second, WHSEC, "Push Hook", now() + 600)), 202, "accepted");
        Answer late = send(ForgeDeliveries.gitlab(second, WHSEC, "Push Hook", now() - 601));
        assertAnswer(late, 403, "stale_timestamp");
        assertThat(late.bodyText()).contains("600 s allowed");
    }

    @Test
    void aShorterGitLabTimestampToleranceAppliesToTheNextDelivery() {
        subscribe(of("gl", Forge.GITLAB, "mike/diaspora", WHSEC));
        settings = EngineSettings.defaults().withTimestampTolerance(Duration.ofMinutes(1));

        assertAnswer(send(ForgeDeliveries.gitlab(GITLAB, WHSEC, "Push Hook", now() - 61)), 403, "stale_timestamp");
        assertAnswer(send(ForgeDeliveries.gitlab(GITLAB, WHSEC, "Push Hook", now() - 60)), 202, "accepted");
    }

    @Test
    void gitLabSignatureWithAnotherSigningTokenIsRefused() {
        subscribe(of("gl", Forge.GITLAB, "mike/diaspora", WHSEC));

        Answer a = send(ForgeDeliveries.gitlab(GITLAB, "whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD", "Push Hook", now()));

        assertAnswer(a, 403, "bad_signature");
    }

    @Test
    void gitLabSignatureHeaderWithoutItsIdOrTimestampIsABadHeader() {
        subscribe(of("gl", Forge.GITLAB, "mike/diaspora", WHSEC));

        assertAnswer(send(ForgeDeliveries.gitlab(GITLAB, WHSEC, "Push Hook", now()).replace("webhook-timestamp", null)),
                400, "bad_signature_header");
        assertAnswer(send(ForgeDeliveries.gitlab(GITLAB, WHSEC, "Push Hook", now()).replace("webhook-signature", "v2,abc")),
                400, "bad_signature_header");
    }

    @Test
    void gitLabTokenOnlyIsRefusedWhereTheSubscriptionDoesNotAllowIt() {
        subscribe(of("gl", Forge.GITLAB, "mike/diaspora", SECRET));

        Answer a = send(ForgeDeliveries.gitlabToken(GITLAB, SECRET, "Push Hook"));

        assertAnswer(a, 400, "bad_signature_header");
        assertThat(a.bodyText()).contains("signing token");
        assertThat(built).isEmpty();
    }

    @Test
    void gitLabTokenOnlyBuildsWhereAllowedWithAWarningInTheDeliveryLog() {
        subscribe(of("gl", Forge.GITLAB, "mike/diaspora", SECRET).withTokenOnly(true));

        Answer a = send(ForgeDeliveries.gitlabToken(GITLAB, SECRET, "Push Hook"));

        assertAnswer(a, 202, "accepted");
        assertThat(a.record().notes()).anySatisfy(n -> assertThat(n.outcome()).startsWith("warning:").contains("X-Gitlab-Token alone"));
    }

    @Test
    void twoGitLabHooksFiredByOnePushAreTwoDeliveriesThoughTheyShareTheirEventUuid() {
        // GitLab 16.2 to 17.3 token hooks: no webhook-id nor Idempotency-Key; X-Gitlab-Event-UUID is the push's, shared
        // by every hook it fires, X-Gitlab-Webhook-UUID each hook's own (docs.gitlab.com, webhooks, delivery headers).
        subscribe(of("gl-a", Forge.GITLAB, "mike/diaspora", SECRET).withTokenOnly(true),
                of("gl-b", Forge.GITLAB, "mike/diaspora", "another hook's token").withTokenOnly(true));
        String event = "13792a34-cac6-4fda-95a8-c58e00a3954e";
        ForgeDeliveries first = ForgeDeliveries.gitlabToken(GITLAB, SECRET, "Push Hook").replace("X-Gitlab-Event-UUID", event)
                .header("X-Gitlab-Webhook-UUID", "02affd2d-2cba-4033-917d-ec22d5dc4b38");
        ForgeDeliveries second = ForgeDeliveries.gitlabToken(GITLAB, "another hook's token", "Push Hook")
                .replace("X-Gitlab-Event-UUID", event).header("X-Gitlab-Webhook-UUID", "5b6f3f2e-0d8e-4c39-9d3c-6a2d1f0b7e41");

        Answer a = send(first);
        Answer b = send(second);

        assertAnswer(a, 202, "accepted");
        assertAnswer(b, 202, "accepted");
        assertThat(a.record().deliveryId()).isEqualTo("02affd2d-2cba-4033-917d-ec22d5dc4b38");
        assertThat(b.record().deliveryId()).isEqualTo("5b6f3f2e-0d8e-4c39-9d3c-6a2d1f0b7e41");
    }

    @Test
    void gitLabsIdempotencyKeyComesBeforeItsWebhookUuidAndTheEventUuidIsTheLastResort() {
        subscribe(of("gl", Forge.GITLAB, "mike/diaspora", SECRET).withTokenOnly(true));
        ForgeDeliveries withKey = ForgeDeliveries.gitlabToken(GITLAB, SECRET, "Push Hook").header("Idempotency-Key", "key-1")
                .header("X-Gitlab-Webhook-UUID", "hook-call-1");
        assertThat(send(withKey).record().deliveryId()).isEqualTo("key-1");

        ForgeDeliveries oldest = ForgeDeliveries.gitlabToken(Fixtures.forge("gitlab", "tag-push.json"), SECRET, "Tag Push Hook");
        assertThat(send(oldest).record().deliveryId()).isEqualTo(oldest.deliveryId());
    }

    @Test
    void gitLabWrongTokenIsABadSignature() {
        subscribe(of("gl", Forge.GITLAB, "mike/diaspora", SECRET).withTokenOnly(true));

        assertAnswer(send(ForgeDeliveries.gitlabToken(GITLAB, SECRET + "x", "Push Hook")), 403, "bad_signature");
        assertThat(built).isEmpty();
    }

    @Test
    void gitLabNestedGroupsNameOneRepository() {
        String nested = new String(GITLAB, StandardCharsets.UTF_8).replace("\"mike/diaspora\"", "\"mike/apps/diaspora\"");
        byte[] body = nested.getBytes(StandardCharsets.UTF_8);
        subscribe(of("gl", Forge.GITLAB, "mike/apps/diaspora", WHSEC), of("flat", Forge.GITLAB, "mike/diaspora", WHSEC));

        assertAnswer(send(ForgeDeliveries.gitlab(body, WHSEC, "Push Hook", now())), 202, "accepted");
        assertThat(built).containsExactly("gl@refs/heads/master");
    }

    @Test
    void gitLabEventsOtherThanPushesAreIgnoredOnceVerified() {
        subscribe(of("gl", Forge.GITLAB, "mike/diaspora", WHSEC));

        assertAnswer(send(ForgeDeliveries.gitlab(GITLAB, WHSEC, "Merge Request Hook", now())), 200, "ignored");
    }

    @Test
    void bitbucketPushOfSeveralChangesMatchesEachAsItsOwnRef() {
        subscribe(of("main", Forge.BITBUCKET, "team_name/repo_name", SECRET).withRefs(RefFilter.parse("main")),
                of("tags", Forge.BITBUCKET, "team_name/repo_name", SECRET).withRefs(RefFilter.parse("refs/tags/*")),
                of("cleanup", Forge.BITBUCKET, "team_name/repo_name", SECRET).withRefs(RefFilter.parse("old-feature"))
                        .withBuildOnDelete(true));

        Answer a = send(ForgeDeliveries.bitbucket(BITBUCKET, SECRET, "repo:push"));

        assertAnswer(a, 202, "accepted");
        assertThat(built).containsExactly("main@refs/heads/main", "tags@refs/tags/v2.0", "cleanup@refs/heads/old-feature");
        PushEvent deleted = builds.get(2).push();
        assertThat(deleted.deleted()).isTrue();
        assertThat(deleted.after()).isEqualTo("0".repeat(40));
        assertThat(deleted.before()).isEqualTo("4f6c8d2a1b3e5f7a9c0d2e4f6a8b0c2d4e6f8a0b");
        assertThat(builds.get(0).push().pusher()).isEqualTo("emma");
        assertThat(builds.get(0).push().repository().host()).contains("bitbucket.org");
        assertThat(a.record().ref()).isEqualTo("refs/heads/main, refs/tags/v2.0, refs/heads/old-feature");
    }

    @Test
    void bitbucketChangesMatchingOneSubscriptionAreEachScheduledUnderTheirOwnKeyAndARedeliveryIsADuplicate() {
        subscribe(of("deploy", Forge.BITBUCKET, "team_name/repo_name", SECRET).withRefs(RefFilter.parse("main, refs/tags/*")));
        ForgeDeliveries delivery = ForgeDeliveries.bitbucket(BITBUCKET, SECRET, "repo:push");

        assertAnswer(send(delivery), 202, "accepted");
        assertThat(built).containsExactly("deploy@refs/heads/main", "deploy@refs/tags/v2.0");
        assertThat(builds).extracting(BuildScheduler.PushDelivery::deliveryId).containsOnly(delivery.deliveryId());
        assertThat(builds).extracting(BuildScheduler.PushDelivery::acceptanceKey).doesNotHaveDuplicates()
                .allSatisfy(key -> assertThat(BuildScheduler.PushDelivery.deliveryIdOf(key)).isEqualTo(delivery.deliveryId()));

        assertAnswer(send(delivery), 200, "duplicate");
        assertThat(built).hasSize(2);
    }

    @Test
    void bitbucketDeletedBranchDoesNotBuildUnlessAsked() {
        subscribe(of("all", Forge.BITBUCKET, "team_name/repo_name", SECRET).withRefs(RefFilter.parse("**")));

        Answer a = send(ForgeDeliveries.bitbucket(BITBUCKET, SECRET, "repo:push"));

        assertThat(built).containsExactly("all@refs/heads/main");
        assertThat(a.record().notes()).anySatisfy(n -> assertThat(n.outcome()).startsWith("refs/heads/old-feature: ")
                .contains("deleted"));
    }

    @Test
    void bitbucketSignatureWithoutItsPrefixIsABadHeader() {
        subscribe(of("bb", Forge.BITBUCKET, "team_name/repo_name", SECRET));
        ForgeDeliveries d = ForgeDeliveries.bitbucket(BITBUCKET, SECRET, "repo:push")
                .replace("X-Hub-Signature", ForgeDeliveries.hex(SECRET, BITBUCKET));

        assertAnswer(send(d), 400, "bad_signature_header");
    }

    @Test
    void bitbucketCloudHasNoPingSoAServerDiagnosticsPingIsNotAPong() {
        subscribe(of("bb", Forge.BITBUCKET, "team_name/repo_name", SECRET));
        byte[] ping = "{\"repository\":{\"full_name\":\"team_name/repo_name\"}}".getBytes(StandardCharsets.UTF_8);

        assertAnswer(send(ForgeDeliveries.bitbucket(ping, SECRET, "diagnostics:ping")), 200, "ignored");
        assertThat(built).isEmpty();
    }

    @Test
    void aSignatureHeaderOfAForgeGivenTwiceIsRefused() {
        subscribe(of("gitea-app", Forge.GITEA, "gitea/webhooks", SECRET));
        ForgeDeliveries d = ForgeDeliveries.gitea(GITEA, SECRET).header("X-Gitea-Signature", ForgeDeliveries.hex(SECRET, GITEA));

        assertAnswer(send(d), 400, "bad_headers");
    }

    @Test
    void aForgeDeliveryWithoutItsDeliveryIdIsRefusedNamingTheHeader() {
        subscribe(of("bb", Forge.BITBUCKET, "team_name/repo_name", SECRET));

        Answer a = send(ForgeDeliveries.bitbucket(BITBUCKET, SECRET, "repo:push").replace("X-Request-UUID", null));

        assertAnswer(a, 400, "bad_headers");
        assertThat(a.bodyText()).contains("X-Request-UUID");
    }

    @Test
    void aRedeliveredForgeDeliveryIsADuplicate() {
        subscribe(of("gitea-app", Forge.GITEA, "gitea/webhooks", SECRET));
        ForgeDeliveries d = ForgeDeliveries.gitea(GITEA, SECRET);

        assertAnswer(send(d), 202, "accepted");
        assertAnswer(send(d), 200, "duplicate");
        assertThat(built).hasSize(1);
    }

    @Test
    void tokenOnlyIsAGitLabSettingAlone() {
        Subscription gitea = of("gitea-app", Forge.GITEA, "gitea/webhooks", SECRET);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> gitea.withTokenOnly(true))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("GitLab");
        assertThat(RepositoryName.parseNested("a/b/c")).isPresent();
    }
}
