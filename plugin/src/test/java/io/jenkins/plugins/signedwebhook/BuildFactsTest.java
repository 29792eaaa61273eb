package io.jenkins.plugins.signedwebhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.signedwebhook.core.outbound.Callback;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BuildFactsTest {
    private static final BuildFacts PUSHED = new BuildFacts("folder/app-deploy", 42,
            "https://ci.example/job/folder/job/app-deploy/42/", null, 81_234, "owner/app", "refs/heads/main",
            "9f0c1d2e3f405162738495a6b7c8d9e0f1a2b3c4", "72d3162e-cc78-11e3-81ab-4c9367dc0958");
    private static final BuildFacts MANUAL =
            new BuildFacts("app-deploy", 7, null, "FAILURE", 1_000, null, null, null, null);

    private static JsonNode json(BuildFacts facts, String status, Map<String, String> fields) throws Exception {
        Callback callback = new Callback("deploy.finished", "msg_test", Instant.parse("2026-11-23T10:15:30Z"),
                facts.toData(status, fields));
        return new ObjectMapper().readTree(callback.toJson());
    }

    @Test
    void aRunningBuildWithoutResultReportsSuccess() throws Exception {
        assertThat(json(PUSHED, null, Map.of()).at("/data/status").asText()).isEqualTo("SUCCESS");
    }

    @Test
    void aBuildWithAResultReportsIt() throws Exception {
        assertThat(json(MANUAL, null, Map.of()).at("/data/status").asText()).isEqualTo("FAILURE");
    }

    @Test
    void theStepsStatusWinsOverTheResult() throws Exception {
        assertThat(json(MANUAL, "ROLLED_BACK", Map.of()).at("/data/status").asText()).isEqualTo("ROLLED_BACK");
    }

    @Test
    void carriesJobBuildUrlDurationAndThePushThatStartedTheBuild() throws Exception {
        JsonNode data = json(PUSHED, null, Map.of("environment", "production")).get("data");

        assertThat(data.get("job").asText()).isEqualTo("folder/app-deploy");
        assertThat(data.get("build").asLong()).isEqualTo(42);
        assertThat(data.get("url").asText()).isEqualTo("https://ci.example/job/folder/job/app-deploy/42/");
        assertThat(data.get("duration_ms").asLong()).isEqualTo(81_234);
        assertThat(data.get("repository").asText()).isEqualTo("owner/app");
        assertThat(data.get("ref").asText()).isEqualTo("refs/heads/main");
        assertThat(data.get("commit").asText()).isEqualTo("9f0c1d2e3f405162738495a6b7c8d9e0f1a2b3c4");
        assertThat(data.get("delivery").asText()).isEqualTo("72d3162e-cc78-11e3-81ab-4c9367dc0958");
        assertThat(data.at("/fields/environment").asText()).isEqualTo("production");
    }

    @Test
    void leavesOutWhatTheBuildDoesNotHave() throws Exception {
        JsonNode data = json(MANUAL, null, Map.of()).get("data");

        assertThat(data.has("url")).isFalse();
        assertThat(data.has("repository")).isFalse();
        assertThat(data.has("ref")).isFalse();
        assertThat(data.has("commit")).isFalse();
        assertThat(data.has("delivery")).isFalse();
        assertThat(data.get("fields").size()).isZero();
    }
}
