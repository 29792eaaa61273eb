package io.jenkins.plugins.signedwebhook.core.event;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.signedwebhook.core.forge.Forge;
import io.jenkins.plugins.signedwebhook.core.testing.Fixtures;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The ref read before the full parse is the one the full parse reads, for every forge's push fixture. */
class PushHeadTest {

    private static byte[] bytes(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }

    private static PushEvent parsed(PushPayload payload) {
        assertThat(payload).isInstanceOf(PushPayload.Read.class);
        return ((PushPayload.Read) payload).pushes().get(0);
    }

    @Test
    void everyGitHubFixtureGivesTheRefAndDeletionTheParserReads() {
        for (String name : List.of("push-branch.json", "push-tag.json", "create-branch.json", "delete-branch.json",
                "force-push.json", "push-25-commits.json", "push-unicode-ref.json")) {
            byte[] json = Fixtures.github(name);
            PushEvent push = parsed(PushParser.read(json, 0, json.length, true, Forge.GITHUB));

            assertThat(PushHead.ofGitHub(json)).as(name).contains(new PushHead(push.ref(), push.deleted()));
        }
    }

    @Test
    void aDeletionIsSeenInTheFixtureThatDeletes() {
        assertThat(PushHead.ofGitHub(Fixtures.github("delete-branch.json"))).map(PushHead::deleted).contains(true);
        assertThat(PushHead.ofGitHub(Fixtures.github("push-branch.json"))).map(PushHead::deleted).contains(false);
    }

    @Test
    void giteaAndGitLabFixturesGiveWhatTheirParsersRead() {
        byte[] gitea = Fixtures.forge("gitea", "push.json");
        PushEvent giteaPush = parsed(PushParser.read(gitea, 0, gitea.length, true, Forge.GITEA));
        assertThat(PushHead.ofGitHub(gitea)).contains(new PushHead(giteaPush.ref(), giteaPush.deleted()));

        for (String name : List.of("push.json", "tag-push.json")) {
            byte[] json = Fixtures.forge("gitlab", name);
            PushEvent push = parsed(GitLabPushParser.read(json, 0, json.length, true));

            assertThat(PushHead.ofGitLab(json)).as(name).contains(new PushHead(push.ref(), push.deleted()));
        }
    }

    @Test
    void giteaSaysADeletionOnlyByAnAllZeroAfter() {
        byte[] json = bytes("{\"ref\":\"refs/heads/old\",\"after\":\"0000000000000000000000000000000000000000\","
                + "\"repository\":{\"full_name\":\"o/r\"}}");

        assertThat(PushHead.ofGitHub(json)).contains(new PushHead("refs/heads/old", true));
    }

    @Test
    void gitLabFallsBackToCheckoutShaWhenAfterIsNull() {
        byte[] json = bytes("{\"after\":null,\"ref\":\"refs/heads/x\",\"checkout_sha\":\"0000000000000000000000000000000000000000\"}");

        assertThat(PushHead.ofGitLab(json)).contains(new PushHead("refs/heads/x", true));
    }

    @Test
    void anEscapedRefIsDecodedAsTheParserDecodesIt() {
        byte[] json = bytes("{\"ref\":\"refs/heads/caf\\u00e9\",\"after\":\"abc\",\"deleted\":false}");

        assertThat(PushHead.ofGitHub(json)).contains(new PushHead("refs/heads/café", false));
    }

    @Test
    void stopsAtTheRefAndAfterSoTheRestOfTheBodyIsNotRead() {
        byte[] json = bytes("{\"ref\":\"refs/heads/a\",\"after\":\"1\",\"repository\":{\"full_name\":\"o/r\"},\"commits\":[tru");

        assertThat(PushHead.ofGitHub(json)).contains(new PushHead("refs/heads/a", false));
    }

    @Test
    void theLastOfARepeatedMemberWinsAsInTheParserWhileTheScanGoesOn() {
        byte[] json = bytes("{\"ref\":\"refs/heads/a\",\"ref\":\"refs/heads/b\",\"after\":\"1\",\"deleted\":false}");

        assertThat(PushHead.ofGitHub(json)).contains(new PushHead("refs/heads/b", false));
    }

    @Test
    void leavesToTheFullParseWhatItWouldRefuseOrReadOtherwise() {
        for (String json : List.of(
                "{\"after\":\"1\",\"deleted\":false}",
                "{\"ref\":\"\",\"after\":\"1\",\"deleted\":false}",
                "{\"ref\":null,\"after\":\"1\",\"deleted\":false}",
                "{\"ref\":42,\"after\":\"1\",\"deleted\":false}",
                "{\"ref\":\"refs/heads/a\",\"after\":7,\"deleted\":false}",
                "{\"ref\":\"refs/heads/a\"",
                "[\"ref\"]",
                "not json")) {
            assertThat(PushHead.ofGitHub(bytes(json))).as(json).isEqualTo(Optional.empty());
        }
        assertThat(PushHead.ofGitLab(bytes("{\"ref\":\"refs/heads/a\",\"after\":null,\"checkout_sha\":[1]}"))).isEmpty();
    }
}
