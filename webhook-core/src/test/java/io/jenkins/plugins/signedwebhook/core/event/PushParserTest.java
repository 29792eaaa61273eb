package io.jenkins.plugins.signedwebhook.core.event;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.signedwebhook.core.testing.Fixtures;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PushParserTest {

    private static PushEvent parse(String fixture) {
        PushParser.Result r = PushParser.parse(Fixtures.github(fixture));
        assertThat(r).isInstanceOf(PushParser.Parsed.class);
        return ((PushParser.Parsed) r).push();
    }

    private static String invalidReason(String json) {
        PushParser.Result r = PushParser.parse(json.getBytes(StandardCharsets.UTF_8));
        assertThat(r).isInstanceOf(PushParser.Invalid.class);
        return ((PushParser.Invalid) r).reason();
    }

    @Test
    void readsAPushToABranch() {
        PushEvent push = parse("push-branch.json");
        assertThat(push.ref()).isEqualTo("refs/heads/main");
        assertThat(push.branch()).contains("main");
        assertThat(push.tag()).isEmpty();
        assertThat(push.after()).isEqualTo("abca7305bb3692ff5e2a4da5d7ee0cb2ba2eaff0");
        assertThat(push.before()).isEqualTo("cbd2c072189c27586fa3c511e37c98e043094bba");
        assertThat(push.repository().fullName()).isEqualTo("octo-org/app");
        assertThat(push.repository().cloneUrl()).isEqualTo("https://github.com/octo-org/app.git");
        assertThat(push.repository().defaultBranch()).isEqualTo("main");
        assertThat(push.pusher()).isEqualTo("alice");
        assertThat(push.sender()).isEqualTo("alice");
        assertThat(push.headCommit().id()).isEqualTo(push.after());
        assertThat(push.commitCount()).isEqualTo(3);
        assertThat(push.changedPaths()).containsExactlyInAnyOrder("src/main/App.java", "docs/README.md", "deploy/k8s.yml");
        assertThat(push.pathsComplete()).isTrue();
        assertThat(push.created() || push.deleted() || push.forced()).isFalse();
    }

    @Test
    void readsATagPushWithoutCommitsAsPathsUnknown() {
        PushEvent push = parse("push-tag.json");
        assertThat(push.tag()).contains("v1.2.0");
        assertThat(push.created()).isTrue();
        assertThat(push.baseRef()).isEqualTo("refs/heads/main");
        assertThat(push.pathsComplete()).isFalse();
    }

    @Test
    void readsBranchCreationAndDeletion() {
        assertThat(parse("create-branch.json").created()).isTrue();
        PushEvent deleted = parse("delete-branch.json");
        assertThat(deleted.deleted()).isTrue();
        assertThat(deleted.headCommit()).isNull();
        assertThat(deleted.after()).isEqualTo("0".repeat(40));
    }

    @Test
    void readsAForcePush() {
        assertThat(parse("force-push.json").forced()).isTrue();
    }

    @Test
    void treatsTwentyOrMoreCommitsAsPossiblyTruncated() {
        PushEvent push = parse("push-25-commits.json");
        assertThat(push.commitCount()).isEqualTo(25);
        assertThat(push.pathsComplete()).isFalse();
    }

    @Test
    void skipsChangedFilesWhenNotAskedForThemAndSaysSo() {
        byte[] json = Fixtures.github("push-branch.json");
        PushEvent push = ((PushParser.Parsed) PushParser.parse(json, 0, json.length, false)).push();
        assertThat(push.changedPaths()).isEmpty();
        assertThat(push.pathsComplete()).isFalse();
        assertThat(push.commitCount()).isEqualTo(3);
    }

    @Test
    void keepsUnicodeRefsExactly() {
        assertThat(parse("push-unicode-ref.json").branch()).contains("feature/ünïcødé-✓");
    }

    @Test
    void readsAOneMebibytePush() {
        byte[] big = Fixtures.pushOfSize(1024 * 1024);
        PushEvent push = ((PushParser.Parsed) PushParser.parse(big)).push();
        assertThat(push.commitCount()).isGreaterThan(1000);
        assertThat(push.changedPaths()).hasSizeGreaterThan(3000);
        assertThat(push.pathsComplete()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 10, 100, 1000, 5000})
    void truncatedJsonIsACleanInvalid(int cut) {
        byte[] full = Fixtures.github("push-branch.json");
        PushParser.Result r = PushParser.parse(Arrays.copyOf(full, Math.min(cut, full.length - 2)));
        assertThat(r).isInstanceOf(PushParser.Invalid.class);
    }

    @Test
    void wrongTypesNameTheField() {
        assertThat(invalidReason("{\"ref\": 7, \"repository\": {\"full_name\": \"a/b\"}}")).contains("'ref' must be a string");
        assertThat(invalidReason("{\"ref\": \"refs/heads/x\", \"deleted\": \"yes\"}")).contains("'deleted' must be true or false");
        assertThat(invalidReason("{\"ref\": \"refs/heads/x\", \"commits\": {}}")).contains("'commits' must be an array");
        assertThat(invalidReason("{\"ref\": \"refs/heads/x\", \"commits\": [{\"added\": [1]}]}")).contains("added");
        assertThat(invalidReason("{\"ref\": \"refs/heads/x\", \"repository\": []}")).contains("'repository' must be an object");
    }

    @Test
    void missingRequiredFieldsAreNamed() {
        assertThat(invalidReason("{\"repository\": {\"full_name\": \"a/b\"}}")).contains("'ref'");
        assertThat(invalidReason("{\"ref\": \"refs/heads/x\"}")).contains("repository.full_name");
    }

    @Test
    void notAnObjectOrTrailingContentIsInvalid() {
        assertThat(invalidReason("[]")).contains("not a JSON object");
        assertThat(invalidReason("")).isNotBlank();
        assertThat(invalidReason("{\"ref\":\"refs/heads/x\",\"repository\":{\"full_name\":\"a/b\"}} {}")).contains("after its JSON object");
    }

    @Test
    void deepNestingIsRefusedCheaply() {
        String deep = "{\"x\":" + "[".repeat(10_000) + "]".repeat(10_000) + "}";
        assertThat(invalidReason(deep)).contains("limit");
    }

    @Test
    void unknownFieldsAreIgnored() {
        PushParser.Result r = PushParser.parse(("{\"new_field\":{\"a\":[1,2,{\"b\":null}]},\"ref\":\"refs/heads/x\","
                + "\"repository\":{\"full_name\":\"a/b\",\"extra\":true}}").getBytes(StandardCharsets.UTF_8));
        assertThat(((PushParser.Parsed) r).push().ref()).isEqualTo("refs/heads/x");
    }
}
