package io.jenkins.plugins.signedwebhook.receiver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.signedwebhook.core.testing.ForgeDeliveries;
import io.jenkins.plugins.signedwebhook.core.testing.Fixtures;
import io.jenkins.plugins.signedwebhook.receiver.config.ConfigException;
import io.jenkins.plugins.signedwebhook.receiver.store.RunState;
import io.jenkins.plugins.signedwebhook.receiver.store.RunStore;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A receiver over loopback with one hook per forge: each forge's signed push runs its hook's command, and only it. */
class ForgesReceiverIT {
    private static final String SECRET = TestReceiver.SECRET;
    private static final String WHSEC = TestReceiver.ENV.get("CALLBACK_SECRET");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path dir;

    private String yaml() {
        return """
                listen: 127.0.0.1:0
                dataDir: ./data
                hooks:
                  - id: gitea
                    forge: gitea
                    host: gitea.example.com
                    repository: gitea/webhooks
                    secrets: [{env: APP_HOOK_SECRET}]
                    command: [./deploy.sh, gitea]
                  - id: gitlab
                    forge: gitlab
                    repository: mike/diaspora
                    secrets: [{env: CALLBACK_SECRET}]
                    command: [./deploy.sh, gitlab]
                  - id: gitlab-token
                    forge: gitlab
                    tokenOnly: true
                    repository: jsmith/example
                    refs: ["refs/tags/*"]
                    secrets: [{env: APP_HOOK_SECRET}]
                    command: [./deploy.sh, gitlab-token]
                  - id: bitbucket
                    forge: bitbucket
                    repository: team_name/repo_name
                    refs: [main, "refs/tags/*", old-feature]
                    secrets: [{env: APP_HOOK_SECRET}]
                    command: [./deploy.sh, bitbucket]
                """;
    }

    private static HttpResponse<String> post(TestReceiver rx, String hook, ForgeDeliveries d) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(rx.uri("/hooks/" + hook))
                .POST(HttpRequest.BodyPublishers.ofByteArray(d.body()));
        d.headers().forEach((name, values) -> values.forEach(v -> request.header(name, v)));
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String result(HttpResponse<String> answer) throws Exception {
        JsonNode json = Fixtures.MAPPER.readTree(answer.body());
        return answer.statusCode() + " " + json.get("result").asText();
    }

    private List<String> env(TestReceiver rx, String hook, int runs) throws Exception {
        List<RunStore.Run> finished = rx.awaitFinished(hook, runs);
        assertThat(finished).extracting(RunStore.Run::state).containsOnly(RunState.SUCCESS);
        return Files.readAllLines(dir.resolve("env-" + hook + ".txt"));
    }

    @Test
    void eachForgesSignedPushRunsItsOwnHookWithTheSameVariables() throws Exception {
        TestReceiver.script(dir, "deploy.sh", "env | sort > env-$1.txt");
        try (TestReceiver rx = TestReceiver.start(dir, yaml())) {
            ForgeDeliveries gitea = ForgeDeliveries.gitea(Fixtures.forge("gitea", "push.json"), SECRET);
            assertThat(result(post(rx, "gitea", gitea))).isEqualTo("202 accepted");
            assertThat(env(rx, "gitea", 1)).contains("WEBHOOK_FORGE=gitea", "WEBHOOK_EVENT=push",
                    "WEBHOOK_REF=refs/heads/develop", "WEBHOOK_REPOSITORY=gitea/webhooks", "WEBHOOK_DELIVERY=" + gitea.deliveryId());

            ForgeDeliveries gitlab = ForgeDeliveries.gitlab(Fixtures.forge("gitlab", "push.json"), WHSEC, "Push Hook",
                    Instant.now().getEpochSecond());
            assertThat(result(post(rx, "gitlab", gitlab))).isEqualTo("202 accepted");
            assertThat(env(rx, "gitlab", 1)).contains("WEBHOOK_FORGE=gitlab", "WEBHOOK_EVENT=push", "WEBHOOK_PUSHER=jsmith",
                    "WEBHOOK_COMMIT=da1560886d4f094c3e6c9ef40349f7d38b5d27d7", "WEBHOOK_DELIVERY=" + gitlab.deliveryId());

            ForgeDeliveries token = ForgeDeliveries.gitlabToken(Fixtures.forge("gitlab", "tag-push.json"), SECRET, "Tag Push Hook");
            assertThat(result(post(rx, "gitlab-token", token))).isEqualTo("202 accepted");
            assertThat(env(rx, "gitlab-token", 1)).contains("WEBHOOK_FORGE=gitlab", "WEBHOOK_TAG=v1.0.0");

            ForgeDeliveries bitbucket = ForgeDeliveries.bitbucket(Fixtures.forge("bitbucket", "push-multi.json"), SECRET, "repo:push");
            HttpResponse<String> answer = post(rx, "bitbucket", bitbucket);
            assertThat(result(answer)).isEqualTo("202 accepted");
            // Branch main and tag v2.0 are each matched; the deleted branch is not, as buildOnDelete is off.
            assertThat(Fixtures.MAPPER.readTree(answer.body()).get("scheduled")).hasSize(2);
            // Both were queued before the answer; the hook runs them one at a time, the tag queued last (or coalesced into).
            TestReceiver.await(() -> {
                try {
                    List<RunStore.Run> runs = rx.runs("bitbucket");
                    return !runs.isEmpty() && runs.stream().allMatch(r -> r.finishedAt().isPresent());
                } catch (java.io.IOException e) {
                    return false;
                }
            });
            assertThat(rx.runs("bitbucket")).extracting(r -> r.work().ref()).contains("refs/tags/v2.0")
                    .doesNotContain("refs/heads/old-feature");
            assertThat(Files.readAllLines(dir.resolve("env-bitbucket.txt"))).contains("WEBHOOK_FORGE=bitbucket",
                    "WEBHOOK_PUSHER=emma", "WEBHOOK_DELIVERY=" + bitbucket.deliveryId());
        }
    }

    @Test
    void aDeliveryOfOneForgeNeverRunsAnotherForgesHook() throws Exception {
        TestReceiver.script(dir, "deploy.sh", "env | sort > env-$1.txt");
        try (TestReceiver rx = TestReceiver.start(dir, yaml())) {
            byte[] gitea = Fixtures.forge("gitea", "push.json");
            String repointed = new String(gitea, StandardCharsets.UTF_8).replace("gitea/webhooks", "team_name/repo_name");
            ForgeDeliveries asGitea = ForgeDeliveries.gitea(repointed.getBytes(StandardCharsets.UTF_8), SECRET);

            assertThat(result(post(rx, "bitbucket", asGitea))).isEqualTo("404 no_subscription");
            assertThat(result(post(rx, "gitlab-token", ForgeDeliveries.gitlabToken(Fixtures.forge("gitlab", "push.json"),
                    SECRET, "Push Hook")))).isEqualTo("404 no_subscription");
            assertThat(rx.runs("bitbucket")).isEmpty();
        }
    }

    @Test
    void gitLabTokenOnlyIsRefusedByAHookThatNeedsASignatureAndAStaleTimestampIsItsOwn403() throws Exception {
        TestReceiver.script(dir, "deploy.sh", "true");
        try (TestReceiver rx = TestReceiver.start(dir, yaml())) {
            byte[] push = Fixtures.forge("gitlab", "push.json");

            assertThat(result(post(rx, "gitlab", ForgeDeliveries.gitlabToken(push, WHSEC, "Push Hook"))))
                    .isEqualTo("400 bad_signature_header");
            long old = Instant.now().getEpochSecond() - 3600;
            assertThat(result(post(rx, "gitlab", ForgeDeliveries.gitlab(push, WHSEC, "Push Hook", old))))
                    .isEqualTo("403 stale_timestamp");
            assertThat(rx.runs("gitlab")).isEmpty();
        }
    }

    @Test
    void aLongerGitLabTimestampToleranceAcceptsADeliveryTheDefaultWouldRefuse() throws Exception {
        TestReceiver.script(dir, "deploy.sh", "true");
        long eightMinutesAgo = Instant.now().getEpochSecond() - 8 * 60;
        ForgeDeliveries late = ForgeDeliveries.gitlab(Fixtures.forge("gitlab", "push.json"), WHSEC, "Push Hook", eightMinutesAgo);
        try (TestReceiver rx = TestReceiver.start(dir, yaml())) {
            assertThat(result(post(rx, "gitlab", late))).isEqualTo("403 stale_timestamp");
        }
        try (TestReceiver rx = TestReceiver.start(dir, "gitlabTimestampTolerance: 10m\n" + yaml())) {
            assertThat(result(post(rx, "gitlab", late))).isEqualTo("202 accepted");
            rx.awaitFinished("gitlab", 1);
        }
    }

    @Test
    void aForgeThatIsNotKnownOrATokenOnlyOutsideGitLabIsAConfigurationError() {
        String unknown = yaml().replace("forge: gitea", "forge: sourcehut");
        String misplaced = yaml().replace("forge: bitbucket", "forge: bitbucket\n    tokenOnly: true");

        assertThatThrownBy(() -> TestReceiver.config(dir, unknown)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("hooks[0].forge").hasMessageContaining("gitea, forgejo, gitlab, bitbucket");
        assertThatThrownBy(() -> TestReceiver.config(dir, misplaced)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("hooks[3].tokenOnly");
        assertThatThrownBy(() -> TestReceiver.config(dir, yaml().replace("host: gitea.example.com", "host: https://x/y")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("hooks[0].host");
    }
}
