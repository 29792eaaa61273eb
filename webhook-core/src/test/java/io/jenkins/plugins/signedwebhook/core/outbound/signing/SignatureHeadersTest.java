package io.jenkins.plugins.signedwebhook.core.outbound.signing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SignatureHeadersTest {
    private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
    private static final byte[] BODY = "{\"type\":\"deploy.finished\"}".getBytes(StandardCharsets.UTF_8);
    private static final SigningSecret SECRET = SigningSecret.of("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");

    @Test
    void bothSchemesByDefault() {
        SignatureHeaders h = SignatureHeaders.sign("msg_1", NOW, BODY, List.of(SECRET));
        assertThat(h.asMap()).containsKeys("webhook-id", "webhook-timestamp", "webhook-signature", "X-Hub-Signature-256");
    }

    @Test
    void aSecretForStandardWebhooksOnlySendsNoGitHubSignature() {
        SignatureHeaders h = SignatureHeaders.sign("msg_1", NOW, BODY, List.of(SECRET.onlyStandardWebhooks()));
        assertThat(h.asMap()).containsKey("webhook-signature").doesNotContainKey("X-Hub-Signature-256");
        assertThat(h.webhookSignature()).isEqualTo(SignatureHeaders.sign("msg_1", NOW, BODY, List.of(SECRET)).webhookSignature());
    }

    @Test
    void aSecretForGitHubOnlySendsNoStandardSignatureButKeepsIdAndTimestamp() {
        SignatureHeaders h = SignatureHeaders.sign("msg_1", NOW, BODY, List.of(SECRET.onlyGitHub()));
        assertThat(h.asMap()).containsKeys("webhook-id", "webhook-timestamp", "X-Hub-Signature-256").doesNotContainKey("webhook-signature");
        assertThat(h.hubSignature256()).isEqualTo(SignatureHeaders.sign("msg_1", NOW, BODY, List.of(SECRET)).hubSignature256());
    }

    @Test
    void noSecretNoSignature() {
        assertThat(SignatureHeaders.sign("msg_1", NOW, BODY, List.of()).asMap()).containsOnlyKeys("webhook-id", "webhook-timestamp");
    }
}
