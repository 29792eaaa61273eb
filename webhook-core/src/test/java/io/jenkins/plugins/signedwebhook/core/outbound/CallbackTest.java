package io.jenkins.plugins.signedwebhook.core.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CallbackTest {
    private static final Instant NOW = Instant.parse("2026-11-23T10:15:30.123456Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private static CallbackData fullData() {
        return CallbackData.of("folder/app-deploy", "SUCCESS")
                .withBuild(42)
                .withUrl("https://ci.example/job/folder/job/app-deploy/42/")
                .withDurationMs(81234)
                .withRepository("owner/app")
                .withRef("refs/heads/main")
                .withCommit("9f0c3b2e")
                .withDelivery("72d3162e-cc78-11e3-81ab-4c9367dc0958")
                .withFields(Map.of("environment", "production"));
    }

    @Test
    void writesEveryFieldInTheDocumentedOrder() {
        Callback callback = new Callback("deploy.finished", "msg_2k9X", NOW, fullData());

        assertThat(new String(callback.toJson(), StandardCharsets.UTF_8))
                .isEqualTo("{\"type\":\"deploy.finished\",\"id\":\"msg_2k9X\",\"timestamp\":\"2026-11-23T10:15:30Z\","
                        + "\"data\":{\"job\":\"folder/app-deploy\",\"build\":42,"
                        + "\"url\":\"https://ci.example/job/folder/job/app-deploy/42/\",\"status\":\"SUCCESS\","
                        + "\"duration_ms\":81234,\"repository\":\"owner/app\",\"ref\":\"refs/heads/main\","
                        + "\"commit\":\"9f0c3b2e\",\"delivery\":\"72d3162e-cc78-11e3-81ab-4c9367dc0958\","
                        + "\"fields\":{\"environment\":\"production\"}}}");
    }

    @Test
    void leavesOutOptionalValuesThatAreAbsent() {
        Callback callback = new Callback("deploy.finished", "msg_1", NOW, CallbackData.of("app", "FAILURE"));

        assertThat(new String(callback.toJson(), StandardCharsets.UTF_8))
                .isEqualTo("{\"type\":\"deploy.finished\",\"id\":\"msg_1\",\"timestamp\":\"2026-11-23T10:15:30Z\","
                        + "\"data\":{\"job\":\"app\",\"status\":\"FAILURE\",\"fields\":{}}}");
    }

    @Test
    void escapesUserFieldsAsJson() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("note", "\"quoted\"\n\u00e9");
        Callback callback = new Callback("deploy.finished", "msg_1", NOW, CallbackData.of("app", "SUCCESS").withFields(fields));

        assertThat(new String(callback.toJson(), StandardCharsets.UTF_8))
                .contains("\"fields\":{\"note\":\"\\\"quoted\\\"\\n\u00e9\"}");
    }

    @Test
    void defaultsTheTypeToDeployFinished() {
        assertThat(Callback.deployFinished(fullData(), CLOCK, new SplittableRandom(1)).type()).isEqualTo("deploy.finished");
    }

    @Test
    void newIdsAreMsgAndTwentyFourLettersOrDigits() {
        assertThat(Callback.newId(new SplittableRandom(7))).matches("msg_[A-Za-z0-9]{24}");
    }

    @Test
    void newIdsDiffer() {
        SplittableRandom random = new SplittableRandom(7);

        assertThat(Callback.newId(random)).isNotEqualTo(Callback.newId(random));
    }

    @Test
    void timestampIsTheClocksTimeInWholeSeconds() {
        assertThat(Callback.deployFinished(fullData(), CLOCK, new SplittableRandom(1)).timestamp())
                .isEqualTo(Instant.parse("2026-11-23T10:15:30Z"));
    }

    @Test
    void refusesAnIdThatCouldEscapeTheOutboxDirectory() {
        assertThatThrownBy(() -> new Callback("deploy.finished", "msg_../../etc", NOW, fullData()))
                .hasMessageStartingWith("id:");
    }

    @Test
    void refusesDataWithoutJob() {
        assertThatThrownBy(() -> CallbackData.of(" ", "SUCCESS")).hasMessageStartingWith("data.job:");
    }
}
