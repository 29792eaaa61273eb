package io.jenkins.plugins.signedwebhook.core.signature;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.signedwebhook.core.testing.Deliveries;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class SignatureHeaderTest {
    private static final byte[] BODY = "{\"zen\":\"Keep it logically awesome.\"}".getBytes(StandardCharsets.UTF_8);
    private static final WebhookSecret SECRET = WebhookSecret.of("hook", "s3cret");

    @Test
    void missingHeaderIsItsOwnOutcome() {
        assertThat(SignatureHeader.parse(null, null, false)).isInstanceOf(SignatureHeader.Missing.class);
    }

    @Test
    void headerWithoutPrefixIsMalformed() {
        String hex = Deliveries.sign("s3cret", BODY).substring("sha256=".length());
        assertThat(SignatureHeader.parse(hex, null, false)).isInstanceOf(SignatureHeader.Malformed.class);
    }

    @Test
    void shortOrNonHexDigestIsMalformed() {
        assertThat(SignatureHeader.parse("sha256=abc", null, false)).isInstanceOf(SignatureHeader.Malformed.class);
        assertThat(SignatureHeader.parse("sha256=" + "g".repeat(64), null, false)).isInstanceOf(SignatureHeader.Malformed.class);
        assertThat(SignatureHeader.parse("sha256=" + "٣".repeat(64), null, false)).isInstanceOf(SignatureHeader.Malformed.class);
    }

    @Test
    void acceptsUpperCaseHexDigits() {
        String upper = "sha256=" + Deliveries.sign("s3cret", BODY).substring(7).toUpperCase();
        SignatureHeader.Present parsed = (SignatureHeader.Present) SignatureHeader.parse(upper, null, false);
        assertThat(SignatureVerifier.verify(parsed, BODY, List.of(SECRET))).contains(SECRET);
    }

    @Test
    void refusesSha1HeaderUnlessEnabled() {
        String sha1 = "sha1=" + Hex.lower(Hmac.SHA1.compute("s3cret".getBytes(StandardCharsets.UTF_8), BODY));
        SignatureHeader refused = SignatureHeader.parse(null, sha1, false);
        assertThat(refused).isInstanceOf(SignatureHeader.Malformed.class);
        assertThat(((SignatureHeader.Malformed) refused).reason()).contains("SHA-1");

        SignatureHeader.Present accepted = (SignatureHeader.Present) SignatureHeader.parse(null, sha1, true);
        assertThat(accepted.algorithm()).isEqualTo(Hmac.SHA1);
        assertThat(SignatureVerifier.verify(accepted, BODY, List.of(SECRET))).contains(SECRET);
    }

    @Test
    void prefersSha256WhenBothHeadersAreSent() {
        SignatureHeader parsed = SignatureHeader.parse(Deliveries.sign("s3cret", BODY), "sha1=" + "0".repeat(40), true);
        assertThat(((SignatureHeader.Present) parsed).algorithm()).isEqualTo(Hmac.SHA256);
    }

    @Test
    void saysWhichOfSeveralRotatingSecretsSigned() {
        WebhookSecret old = WebhookSecret.of("old", "previous");
        WebhookSecret current = WebhookSecret.of("current", "s3cret");
        SignatureHeader.Present parsed = (SignatureHeader.Present) SignatureHeader.parse(Deliveries.sign("s3cret", BODY), null, false);
        assertThat(SignatureVerifier.verify(parsed, BODY, List.of(old, current))).get().extracting(WebhookSecret::label).isEqualTo("current");
    }

    @Test
    void rejectsSignatureComputedWithAnotherSecret() {
        SignatureHeader.Present parsed = (SignatureHeader.Present) SignatureHeader.parse(Deliveries.sign("other", BODY), null, false);
        assertThat(SignatureVerifier.verify(parsed, BODY, List.of(SECRET))).isEmpty();
    }

    @Test
    void secretValueNeverShowsInToString() {
        assertThat(WebhookSecret.of("github-hook", "hunter2-very-secret").toString()).doesNotContain("hunter2").contains("github-hook");
    }

    @Test
    void secretsWithTheSameValueAreOneSecret() {
        assertThat(WebhookSecret.of("a", "same")).isEqualTo(WebhookSecret.of("b", "same")).isNotEqualTo(WebhookSecret.of("a", "other"));
    }
}
