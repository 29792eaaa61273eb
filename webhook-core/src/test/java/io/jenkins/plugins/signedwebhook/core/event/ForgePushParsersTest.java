package io.jenkins.plugins.signedwebhook.core.event;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.signedwebhook.core.forge.Forge;
import io.jenkins.plugins.signedwebhook.core.testing.Fixtures;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Gitea, GitLab and Bitbucket push payloads, from fixtures written from each forge's documentation. */
class ForgePushParsersTest {

    private static List<PushEvent> read(PushPayload payload) {
        assertThat(payload).isInstanceOf(PushPayload.Read.class);
        return ((PushPayload.Read) payload).pushes();
    }

    private static String invalid(PushPayload payload) {
        assertThat(payload).isInstanceOf(PushPayload.Invalid.class);
        return ((PushPayload.Invalid) payload).reason();
    }

    private static byte[] bytes(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void giteaPushReadsAsGitHubsWithItsLoginAsPusherAndItsCompareUrl() {
        byte[] json = Fixtures.forge("gitea", "push.json");
        PushEvent push = read(PushParser.read(json, 0, json.length, true, Forge.GITEA)).get(0);

        assertThat(push.forge()).isEqualTo(Forge.GITEA);
        assertThat(push.pusher()).isEqualTo("gitea");
        assertThat(push.compare()).startsWith("https://gitea.example.com/gitea/webhooks/compare/");
        assertThat(push.changedPaths()).containsExactlyInAnyOrder("docs/webhooks.md", "README.md");
        assertThat(push.created()).isFalse();
        assertThat(push.deleted()).isFalse();
    }

    @Test
    void giteaSaysCreatedAndDeletedOnlyThroughTheZeroId() {
        byte[] created = bytes("{\"ref\":\"refs/heads/x\",\"before\":\"" + "0".repeat(40) + "\",\"after\":\"ab\","
                + "\"repository\":{\"full_name\":\"o/r\"}}");
        byte[] deleted = bytes("{\"ref\":\"refs/heads/x\",\"before\":\"ab\",\"after\":\"" + "0".repeat(40) + "\","
                + "\"repository\":{\"full_name\":\"o/r\"}}");

        assertThat(read(PushParser.read(created, 0, created.length, true, Forge.GITEA)).get(0).created()).isTrue();
        assertThat(read(PushParser.read(deleted, 0, deleted.length, true, Forge.GITEA)).get(0).deleted()).isTrue();
    }

    @Test
    void gitLabPushNamesItsHeadCommitByAfter() {
        byte[] json = Fixtures.forge("gitlab", "push.json");
        PushEvent push = read(GitLabPushParser.read(json, 0, json.length, true)).get(0);

        assertThat(push.repository().fullName()).isEqualTo("mike/diaspora");
        assertThat(push.repository().cloneUrl()).isEqualTo("https://gitlab.example.com/mike/diaspora.git");
        assertThat(push.repository().host()).contains("gitlab.example.com");
        assertThat(push.headCommit().message()).isEqualTo("fixed readme");
        assertThat(push.commitCount()).isEqualTo(2);
        assertThat(push.sender()).isEqualTo("John Smith");
    }

    @Test
    void gitLabBranchDeletionHasTheZeroAfterAndNoCheckoutSha() {
        byte[] json = bytes("{\"object_kind\":\"push\",\"before\":\"95790bf891e76fee5e1747ab589903a6a1f80f22\","
                + "\"after\":\"" + "0".repeat(40) + "\",\"ref\":\"refs/heads/gone\",\"checkout_sha\":null,"
                + "\"project\":{\"path_with_namespace\":\"mike/diaspora\"},\"commits\":[],\"total_commits_count\":0}");
        PushEvent push = read(GitLabPushParser.read(json, 0, json.length, true)).get(0);

        assertThat(push.deleted()).isTrue();
        assertThat(push.pathsComplete()).isFalse();
    }

    @Test
    void gitLabPayloadWithoutItsProjectOrWithAWrongTypeIsRefusedNamingTheField() {
        byte[] noProject = bytes("{\"ref\":\"refs/heads/x\"}");
        assertThat(invalid(GitLabPushParser.read(noProject, 0, noProject.length, true))).contains("project.path_with_namespace");
        byte[] wrong = bytes("{\"ref\":\"refs/heads/x\",\"total_commits_count\":\"many\"}");
        assertThat(invalid(GitLabPushParser.read(wrong, 0, wrong.length, true))).contains("total_commits_count");
    }

    @Test
    void bitbucketPushIsOneEventPerChange() {
        byte[] json = Fixtures.forge("bitbucket", "push-multi.json");
        List<PushEvent> pushes = read(BitbucketPushParser.read(json, 0, json.length));

        assertThat(pushes).extracting(PushEvent::ref).containsExactly("refs/heads/main", "refs/tags/v2.0", "refs/heads/old-feature");
        assertThat(pushes).allSatisfy(p -> {
            assertThat(p.forge()).isEqualTo(Forge.BITBUCKET);
            assertThat(p.repository().fullName()).isEqualTo("team_name/repo_name");
            assertThat(p.pathsComplete()).isFalse();
        });
        assertThat(pushes.get(0).before()).isEqualTo("1e65c05c1d5171631d92438a13901ca7dae9618c");
        assertThat(pushes.get(0).headCommit().url()).endsWith("/commits/709d658dc5b6d6afcd46049c2f332ee3f515a67d");
        assertThat(pushes.get(0).commitCount()).isEqualTo(1);
        assertThat(pushes.get(1).created()).isTrue();
        assertThat(pushes.get(2).deleted()).isTrue();
        assertThat(pushes.get(2).headCommit()).isNull();
    }

    @Test
    void bitbucketChangeWithNeitherSideOrAnUnknownRefTypeIsRefused() {
        byte[] neither = bytes("{\"repository\":{\"full_name\":\"a/b\"},\"push\":{\"changes\":[{\"new\":null,\"old\":null}]}}");
        byte[] unknown = bytes("{\"repository\":{\"full_name\":\"a/b\"},\"push\":{\"changes\":[{\"new\":{\"type\":\"x\",\"name\":\"m\"}}]}}");
        byte[] none = bytes("{\"repository\":{\"full_name\":\"a/b\"},\"push\":{\"changes\":[]}}");

        assertThat(invalid(BitbucketPushParser.read(neither, 0, neither.length))).contains("neither");
        assertThat(invalid(BitbucketPushParser.read(unknown, 0, unknown.length))).contains("branch or tag");
        assertThat(invalid(BitbucketPushParser.read(none, 0, none.length))).contains("push.changes");
    }

    @Test
    void gitLabProjectNameIsPeekedWhereverTheProjectIsAndNothingElse() {
        byte[] json = Fixtures.forge("gitlab", "push.json");

        assertThat(RepositoryPeek.peek(json, 0, json.length, "project", "path_with_namespace"))
                .isEqualTo(new RepositoryPeek.Found("mike/diaspora"));
        // GitLab's deprecated repository object carries no full_name: a GitHub-style peek finds nothing.
        assertThat(RepositoryPeek.peek(json, 0, json.length)).isInstanceOf(RepositoryPeek.Absent.class);
    }
}
