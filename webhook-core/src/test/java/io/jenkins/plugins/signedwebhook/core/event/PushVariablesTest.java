package io.jenkins.plugins.signedwebhook.core.event;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.signedwebhook.core.testing.Fixtures;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PushVariablesTest {

    private static PushEvent push(String fixture) {
        return ((PushParser.Parsed) PushParser.parse(Fixtures.github(fixture))).push();
    }

    @Test
    void branchPushGivesEveryVariable() {
        Map<String, String> env = PushVariables.of("d-1", "push", push("push-branch.json"));
        assertThat(env).containsEntry("WEBHOOK_REF", "refs/heads/main")
                .containsEntry("WEBHOOK_BRANCH", "main")
                .doesNotContainKey("WEBHOOK_TAG")
                .containsEntry("WEBHOOK_COMMIT", "abca7305bb3692ff5e2a4da5d7ee0cb2ba2eaff0")
                .containsEntry("WEBHOOK_BEFORE", "cbd2c072189c27586fa3c511e37c98e043094bba")
                .containsEntry("WEBHOOK_REPOSITORY", "octo-org/app")
                .containsEntry("WEBHOOK_PUSHER", "alice")
                .containsEntry("WEBHOOK_DELIVERY", "d-1")
                .containsEntry("WEBHOOK_EVENT", "push");
    }

    @Test
    void tagPushGivesTheTagAndNoBranch() {
        Map<String, String> env = PushVariables.of("d-2", "push", push("push-tag.json"));
        assertThat(env).containsEntry("WEBHOOK_TAG", "v1.2.0").doesNotContainKey("WEBHOOK_BRANCH");
    }
}
