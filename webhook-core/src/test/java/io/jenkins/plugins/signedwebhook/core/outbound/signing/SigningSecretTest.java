package io.jenkins.plugins.signedwebhook.core.outbound.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class WebhookSecretTest {
    private static final String SECRET_TEXT = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    @Test
    void neverPrintsItsValue() {
        assertThat(SigningSecret.of(SECRET_TEXT).toString())
                .doesNotContain(SECRET_TEXT)
                .doesNotContain("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")
                .contains("redacted");
    }

    @Test
    void refusesAnEmptySecret() {
        assertThatThrownBy(() -> SigningSecret.of("")).hasMessageContaining("secret");
    }

    @Test
    void refusesAWhsecSecretThatIsNotBase64WithoutQuotingIt() {
        assertThatThrownBy(() -> SigningSecret.of("whsec_not*base64!"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasNoCause()
                .message()
                .doesNotContain("not*base64");
    }

    @Test
    void signsGitHubSchemeWithTheSecretAsTypedEvenWhenItIsWhsec() {
        byte[] body = "{}".getBytes(StandardCharsets.UTF_8);

        assertThat(GitHubSignature.sign(SigningSecret.of(SECRET_TEXT), body))
                .isEqualTo(GitHubSignature.sign(SigningSecret.ofBytes(SECRET_TEXT.getBytes(StandardCharsets.UTF_8)), body));
    }

    @Test
    void headersCarryOneStandardSignaturePerSecretAndOneGitHubSignature() {
        byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
        SigningSecret current = SigningSecret.of(SECRET_TEXT);
        SigningSecret next = SigningSecret.of("next secret");
        Instant at = Instant.ofEpochSecond(1_700_000_000L);

        SignatureHeaders headers = SignatureHeaders.sign("msg_1", at, body, List.of(current, next));

        assertThat(headers.asMap())
                .containsEntry("webhook-id", "msg_1")
                .containsEntry("webhook-timestamp", "1700000000")
                .containsEntry(
                        "webhook-signature",
                        StandardWebhooks.sign(current, "msg_1", 1_700_000_000L, body) + " "
                                + StandardWebhooks.sign(next, "msg_1", 1_700_000_000L, body))
                .containsEntry("X-Hub-Signature-256", GitHubSignature.sign(current, body));
    }

    @Test
    void headersOfAMessageWithoutSecretCarryNoSignature() {
        SignatureHeaders headers = SignatureHeaders.sign("msg_1", Instant.EPOCH, new byte[0], List.of());

        assertThat(headers.asMap()).containsOnlyKeys("webhook-id", "webhook-timestamp");
    }
}
