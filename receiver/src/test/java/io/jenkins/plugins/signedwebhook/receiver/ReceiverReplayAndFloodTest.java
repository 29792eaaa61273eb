package io.jenkins.plugins.signedwebhook.receiver;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.signedwebhook.core.testing.Deliveries;
import io.jenkins.plugins.signedwebhook.core.testing.Fixtures;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Over loopback: a captured body replayed under a new delivery id, and a client that keeps failing verification. */
class ReceiverReplayAndFloodTest {
    @TempDir
    Path dir;

    private static String yaml(String extra) {
        return """
                listen: 127.0.0.1:0
                dataDir: ./data
                %s
                hooks:
                  - id: app
                    repository: octo-org/app
                    secrets: [{env: APP_HOOK_SECRET}]
                    command: [/bin/true]
                  - id: other
                    repository: octo-org/app
                    secrets: [{env: APP_HOOK_SECRET}]
                    command: [/bin/true]
                """.formatted(extra);
    }

    @Test
    void aBodyReplayedUnderANewIdAfterACrashIsADuplicateNamingTheFirstDelivery() throws Exception {
        byte[] push = Fixtures.github("push-branch.json");
        try (TestReceiver rx = TestReceiver.start(dir, yaml(""))) {
            String first = TestReceiver.newDeliveryId();
            assertThat(rx.post("app", push, first).statusCode()).isEqualTo(202);
            rx.awaitFinished("app", 1);

            rx.crashAndRestart();

            HttpResponse<String> replay = rx.post("app", push, "replayed-" + TestReceiver.newDeliveryId());
            JsonNode answer = Fixtures.MAPPER.readTree(replay.body());
            assertThat(replay.statusCode()).isEqualTo(200);
            assertThat(answer.get("result").asText()).isEqualTo("duplicate");
            assertThat(answer.get("first_delivery").asText()).isEqualTo(first);
            assertThat(rx.runs("app")).hasSize(1);
            // Each hook is its own GitHub webhook: the same body sent to the other one is that hook's delivery.
            assertThat(rx.post("other", push, TestReceiver.newDeliveryId()).statusCode()).isEqualTo(202);
        }
    }

    @Test
    void aClientPastItsFailedVerificationsIsAnswered429AtEveryHookUntilRetryAfter() throws Exception {
        byte[] push = Fixtures.github("push-branch.json");
        try (TestReceiver rx = TestReceiver.start(dir, yaml("rateLimit: {burst: 2, perMinute: 1}"))) {
            for (int i = 0; i < 2; i++) {
                assertThat(rx.post("app", push, TestReceiver.newDeliveryId(), Deliveries.sign("wrong", push)).statusCode())
                        .isEqualTo(403);
            }

            HttpResponse<String> limited = rx.post("other", push, TestReceiver.newDeliveryId());

            assertThat(limited.statusCode()).isEqualTo(429);
            assertThat(Fixtures.MAPPER.readTree(limited.body()).get("result").asText()).isEqualTo("rate_limited");
            long retryAfter = Long.parseLong(limited.headers().firstValue("Retry-After").orElseThrow());
            assertThat(retryAfter).isBetween(1L, 60L);
            assertThat(rx.runs("other")).isEmpty();
            assertThat(rx.get("/metrics").body()).contains("result=\"rate_limited\"");
        }
    }
}
