package io.jenkins.plugins.signedwebhook;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.Action;
import io.jenkins.plugins.signedwebhook.core.event.PushVariables;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WebhookEnvironmentActionTest {
    private static WebhookEnvironmentAction push(String ref, String commit) {
        return new WebhookEnvironmentAction(Map.of(PushVariables.REF, ref, PushVariables.COMMIT, commit));
    }

    @Test
    void aLaterPushOfTheSameRefFoldsIntoTheQueuedBuild() {
        List<Action> later = List.of(push("refs/heads/main", "bbb"));
        assertThat(push("refs/heads/main", "aaa").shouldSchedule(later)).isFalse();
    }

    @Test
    void aPushOfAnotherRefIsABuildOfItsOwnSoNeitherRefIsLost() {
        List<Action> tag = List.of(push("refs/tags/v2.0", "aaa"));
        assertThat(push("refs/heads/main", "aaa").shouldSchedule(tag)).isTrue();
    }

    @Test
    void anItemNotStartedByAPushIsLeftToJenkins() {
        assertThat(push("refs/heads/main", "aaa").shouldSchedule(List.of())).isFalse();
    }
}
