package io.jenkins.plugins.signedwebhook.core.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.signedwebhook.core.signature.WebhookSecret;
import io.jenkins.plugins.signedwebhook.core.testing.Fixtures;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** GitLab's signing token follows Standard Webhooks: its published test vectors verify as GitLab deliveries. */
class ForgeVectorsTest {
    private static final JsonNode VECTORS = Fixtures.json(Fixtures.resource("/vectors/signatures.json")).get("standard_webhooks_v1");

    private static Claim claimOf(JsonNode v, String signature) {
        Map<String, List<String>> headers = Map.of("X-Gitlab-Event", List.of("Push Hook"),
                "webhook-id", List.of(v.get("webhook_id").asText()),
                "webhook-timestamp", List.of(v.get("webhook_timestamp").asText()),
                "webhook-signature", List.of(signature));
        InboundRequest request = new InboundRequest("POST", headers, 0, new ByteArrayInputStream(new byte[0]));
        Clock atVector = Clock.fixed(Instant.ofEpochSecond(v.get("webhook_timestamp").asLong()), ZoneOffset.UTC);
        return ForgeDialect.of(request).claim(request, EngineSettings.defaults(), atVector);
    }

    @Test
    void everyStandardWebhooksVectorVerifiesAsAGitLabSignature() {
        assertThat(VECTORS).hasSizeGreaterThan(0);
        for (JsonNode v : VECTORS) {
            byte[] payload = v.get("payload").asText().getBytes(StandardCharsets.UTF_8);
            WebhookSecret secret = WebhookSecret.of("vector", v.get("secret").asText());

            Claim claim = claimOf(v, v.get("signature").asText());

            assertThat(claim).isInstanceOf(Claim.StandardWebhooks.class);
            assertThat(((Claim.Proof) claim).verify(payload, List.of(secret))).map(Claim.Verified::secret).contains(secret);
        }
    }

    @Test
    void aVectorWithOneByteOfItsPayloadChangedDoesNotVerify() {
        JsonNode v = VECTORS.get(0);
        byte[] payload = (v.get("payload").asText() + " ").getBytes(StandardCharsets.UTF_8);

        Claim.Proof claim = (Claim.Proof) claimOf(v, v.get("signature").asText());

        assertThat(claim.verify(payload, List.of(WebhookSecret.of("vector", v.get("secret").asText())))).isEmpty();
    }

    @Test
    void aRotatedSignatureListVerifiesByAnyOfItsEntries() {
        JsonNode v = VECTORS.get(0);
        byte[] payload = v.get("payload").asText().getBytes(StandardCharsets.UTF_8);

        Claim.Proof claim = (Claim.Proof) claimOf(v, "v1,AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA= " + v.get("signature").asText());

        assertThat(claim.verify(payload, List.of(WebhookSecret.of("vector", v.get("secret").asText())))).isPresent();
    }
}
