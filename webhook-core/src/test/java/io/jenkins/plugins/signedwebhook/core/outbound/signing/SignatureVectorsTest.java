package io.jenkins.plugins.signedwebhook.core.outbound.signing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SignatureVectorsTest {

    @Test
    void vectorFileHoldsTwoStandardWebhooksCasesAndOneGitHubCase() {
        assertThat(Vectors.section("standard_webhooks_v1")).hasSize(2);
        assertThat(Vectors.section("github_x_hub_signature_256")).hasSize(1);
    }

    @Test
    void signsEveryStandardWebhooksVectorByteForByte() {
        for (Map<String, String> vector : Vectors.section("standard_webhooks_v1")) {
            String signature = StandardWebhooks.sign(
                    SigningSecret.of(vector.get("secret")),
                    vector.get("webhook_id"),
                    Long.parseLong(vector.get("webhook_timestamp")),
                    vector.get("payload").getBytes(StandardCharsets.UTF_8));

            assertThat(signature).as(vector.get("webhook_id")).isEqualTo(vector.get("signature"));
        }
    }

    @Test
    void verifiesEveryStandardWebhooksVectorAtItsOwnTime() {
        for (Map<String, String> vector : Vectors.section("standard_webhooks_v1")) {
            Instant sent = Instant.ofEpochSecond(Long.parseLong(vector.get("webhook_timestamp")));
            var verifier = new StandardWebhooksVerifier(
                    List.of(SigningSecret.of(vector.get("secret"))), Clock.fixed(sent, ZoneOffset.UTC));

            Verification result = verifier.verify(
                    vector.get("webhook_id"),
                    vector.get("webhook_timestamp"),
                    vector.get("signature"),
                    vector.get("payload").getBytes(StandardCharsets.UTF_8));

            assertThat(result).isEqualTo(new Verification.Verified(vector.get("webhook_id")));
        }
    }

    @Test
    void signsTheGitHubVectorByteForByte() {
        Map<String, String> vector = Vectors.section("github_x_hub_signature_256").get(0);

        String header = GitHubSignature.sign(
                SigningSecret.of(vector.get("secret")), vector.get("payload").getBytes(StandardCharsets.UTF_8));

        assertThat(header).isEqualTo(vector.get("header"));
    }
}
