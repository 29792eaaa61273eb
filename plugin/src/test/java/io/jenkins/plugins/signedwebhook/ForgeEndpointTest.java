package io.jenkins.plugins.signedwebhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.signedwebhook.core.event.PushVariables;
import io.jenkins.plugins.signedwebhook.core.inbound.Answer;
import io.jenkins.plugins.signedwebhook.core.inbound.BuildScheduler;
import io.jenkins.plugins.signedwebhook.core.inbound.EngineSettings;
import io.jenkins.plugins.signedwebhook.core.inbound.limit.FloodLimits;
import io.jenkins.plugins.signedwebhook.core.match.SubscriptionIndex;
import io.jenkins.plugins.signedwebhook.core.match.SubscriptionRegistry;
import io.jenkins.plugins.signedwebhook.core.outbound.ManualClock;
import io.jenkins.plugins.signedwebhook.core.signature.WebhookSecret;
import io.jenkins.plugins.signedwebhook.core.testing.ForgeDeliveries;
import io.jenkins.plugins.signedwebhook.core.testing.Fixtures;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each forge's delivery through the plugin's endpoint as the servlet container hands it over: every header line the
 * forge sends reaches the engine, and the job's trigger decides which forge it trusts.
 */
class ForgeEndpointTest {
    private static final String SECRET = "It's a Secret to Everybody";
    private static final String WHSEC = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    @TempDir
    Path home;

    private final ManualClock clock = new ManualClock(Instant.parse("2026-12-02T10:00:00Z"));
    private final List<BuildScheduler.PushDelivery> builds = new ArrayList<>();
    private final SubscriptionRegistry registry = new SubscriptionRegistry();
    private EngineSettings engine = EngineSettings.defaults();
    private InboundDeliveries inbound;

    @AfterEach
    void close() {
        if (inbound != null) {
            inbound.close();
        }
    }

    private void trigger(String repository, String forge, String host, boolean tokenOnly, String secret) {
        trigger(repository, "", forge, host, tokenOnly, secret);
    }

    private void trigger(String repository, String refs, String forge, String host, boolean tokenOnly, String secret) {
        trigger(new TriggerSettings(repository, refs, "", "", false, false, forge, host, tokenOnly), secret);
    }

    private void trigger(TriggerSettings settings, String secret) {
        assertThat(settings.problem()).isEmpty();
        registry.replace(SubscriptionIndex.of(List.of(settings.toSubscription("folder/deploy",
                List.of(WebhookSecret.of("hook-secret", secret))))));
        inbound = new InboundDeliveries(home, registry, (s, d) -> {
            builds.add(d);
            return new BuildScheduler.Scheduled(s.id());
        }, () -> new InboundDeliveries.Settings(engine, Duration.ofHours(1), 100,
                FloodLimits.defaults()), clock);
    }

    /** Through the servlet translation: one header line per value, as the forge sent them. */
    private JsonNode post(ForgeDeliveries d) throws Exception {
        List<Map.Entry<String, String>> lines = new ArrayList<>();
        d.headers().forEach((name, values) -> values.forEach(v -> lines.add(Map.entry(name, v))));
        Answer answer = inbound.handle(HttpExchange.toInbound(ServletFakes.request("POST", lines, d.body())));
        ServletFakes.Response rsp = new ServletFakes.Response();
        HttpExchange.write(answer, rsp.proxy());
        JsonNode json = Fixtures.json(answer.body());
        assertThat(json.get("result").asText()).isEqualTo(answer.verdict().result());
        return json;
    }

    private Map<String, String> env() {
        BuildScheduler.PushDelivery d = builds.get(builds.size() - 1);
        return PushVariables.of(d.deliveryId(), d.event(), d.push());
    }

    @Test
    void giteaPushStartsAGiteaTrigger() throws Exception {
        trigger("gitea/webhooks", "gitea", "gitea.example.com", false, SECRET);

        assertThat(post(ForgeDeliveries.gitea(Fixtures.forge("gitea", "push.json"), SECRET)).get("result").asText())
                .isEqualTo("accepted");
        assertThat(env()).containsEntry("WEBHOOK_FORGE", "gitea").containsEntry("WEBHOOK_BRANCH", "develop");
    }

    @Test
    void forgejoPushStartsAForgejoTrigger() throws Exception {
        trigger("gitea/webhooks", "forgejo", "", false, SECRET);

        assertThat(post(ForgeDeliveries.forgejo(Fixtures.forge("gitea", "push.json"), SECRET)).get("result").asText())
                .isEqualTo("accepted");
        assertThat(env()).containsEntry("WEBHOOK_FORGE", "forgejo");
    }

    @Test
    void gitLabSignedPushStartsAGitLabTriggerAndTokenOnlyNeedsTheSetting() throws Exception {
        trigger("mike/diaspora", "gitlab", "", false, WHSEC);
        byte[] push = Fixtures.forge("gitlab", "push.json");

        assertThat(post(ForgeDeliveries.gitlab(push, WHSEC, "Push Hook", clock.instant().getEpochSecond())).get("result")
                .asText()).isEqualTo("accepted");
        assertThat(env()).containsEntry("WEBHOOK_FORGE", "gitlab").containsEntry("WEBHOOK_PUSHER", "jsmith");
        assertThat(post(ForgeDeliveries.gitlabToken(push, WHSEC, "Push Hook")).get("result").asText())
                .isEqualTo("bad_signature_header");
        assertThat(post(ForgeDeliveries.gitlab(push, WHSEC, "Push Hook", clock.instant().getEpochSecond() - 600))
                .get("result").asText()).isEqualTo("stale_timestamp");
    }

    @Test
    void theGlobalGitLabTimestampToleranceDecidesWhatIsStale() throws Exception {
        trigger("mike/diaspora", "gitlab", "", false, WHSEC);
        byte[] push = Fixtures.forge("gitlab", "push.json");
        long eightMinutesAgo = clock.instant().getEpochSecond() - 8 * 60;

        assertThat(post(ForgeDeliveries.gitlab(push, WHSEC, "Push Hook", eightMinutesAgo)).get("result").asText())
                .isEqualTo("stale_timestamp");
        engine = EngineSettings.defaults().withTimestampTolerance(
                Duration.ofMinutes(ConfigurationLimits.GITLAB_TIMESTAMP_TOLERANCE_MINUTES.require(10)));
        assertThat(post(ForgeDeliveries.gitlab(push, WHSEC, "Push Hook", eightMinutesAgo)).get("result").asText())
                .isEqualTo("accepted");
    }

    @Test
    void gitLabTokenOnlyTriggerAcceptsTheToken() throws Exception {
        trigger("jsmith/example", "refs/tags/v*", "gitlab", "", true, SECRET);

        assertThat(post(ForgeDeliveries.gitlabToken(Fixtures.forge("gitlab", "tag-push.json"), SECRET, "Tag Push Hook"))
                .get("result").asText()).isEqualTo("accepted");
        assertThat(env()).containsEntry("WEBHOOK_TAG", "v1.0.0");
    }

    @Test
    void bitbucketPushStartsOneBuildPerMatchingChange() throws Exception {
        trigger("team_name/repo_name", "bitbucket", "bitbucket.org", false, SECRET);

        JsonNode answer = post(ForgeDeliveries.bitbucket(Fixtures.forge("bitbucket", "push-multi.json"), SECRET, "repo:push"));

        assertThat(answer.get("result").asText()).isEqualTo("accepted");
        // Every branch is the default filter: main builds, the tag is not a branch, the deleted branch does not build.
        assertThat(builds).extracting(d -> d.push().ref()).containsExactly("refs/heads/main");
        assertThat(CauseDescription.of(builds.get(0).push().forge(), "main", "emma", "d", false))
                .isEqualTo("Started by Bitbucket Cloud push to main by emma (delivery d)");
    }

    @Test
    void aGiteaDeliveryNeverStartsAGitHubTrigger() throws Exception {
        trigger("gitea/webhooks", "github", "", false, SECRET);

        assertThat(post(ForgeDeliveries.gitea(Fixtures.forge("gitea", "push.json"), SECRET)).get("result").asText())
                .isEqualTo("no_subscription");
        assertThat(builds).isEmpty();
    }

    /** An organization folder's trigger for {@code owner}, as read from its config.xml (no forge field: GitHub). */
    private static SignedWebhookFolderTrigger organizationFolderTrigger(String owner) {
        SignedWebhookFolderTrigger trigger = AsLoaded.from(SignedWebhookFolderTrigger.class, Map.of("repository", owner,
                "credentialsId", "hook-secret", "refs", "", "includePaths", "", "excludePaths", "",
                "job", AsLoaded.from(jenkins.branch.OrganizationFolder.class, Map.of())));
        trigger.withAbsentFieldsDefaulted();
        return trigger;
    }

    @Test
    void aGiteaPushReachesAnOrganizationFolderTriggerOfThatGiteaOwner() throws Exception {
        SignedWebhookFolderTrigger folder = organizationFolderTrigger("gitea");
        folder.setForge("gitea");
        folder.setHost("gitea.example.com");
        trigger(folder.settings(), SECRET);

        assertThat(post(ForgeDeliveries.gitea(Fixtures.forge("gitea", "push.json"), SECRET)).get("result").asText())
                .isEqualTo("accepted");
        assertThat(env()).containsEntry("WEBHOOK_FORGE", "gitea").containsEntry("WEBHOOK_REPOSITORY", "gitea/webhooks");
    }

    @Test
    void aGiteaPushNeverReachesAnOrganizationFolderTriggerSavedBeforeItHadAForge() throws Exception {
        trigger(organizationFolderTrigger("gitea").settings(), SECRET);

        assertThat(post(ForgeDeliveries.gitea(Fixtures.forge("gitea", "push.json"), SECRET)).get("result").asText())
                .isEqualTo("no_subscription");
        assertThat(builds).isEmpty();
    }

    @Test
    void triggerSettingsNameTheBadForgeField() {
        assertThat(new TriggerSettings("o/a", "", "", "", false, false, "sourcehut", "", false).problem()).get().asString()
                .contains("'sourcehut' is not a forge");
        assertThat(new TriggerSettings("o/a", "", "", "", false, false, "gitea", "", true).problem()).get().asString()
                .contains("GitLab");
        assertThat(new TriggerSettings("o/a", "", "", "", false, false, "gitea", "https://h/x", false).problem()).get().asString()
                .contains("not a host");
        assertThat(new TriggerSettings("g/sub/p", "", "", "", false, false, "github", "", false).problem()).get().asString()
                .contains("not a repository");
        assertThat(new TriggerSettings("g/sub/p", "", "", "", false, false, "gitlab", "", false).problem()).isEmpty();
    }
}
