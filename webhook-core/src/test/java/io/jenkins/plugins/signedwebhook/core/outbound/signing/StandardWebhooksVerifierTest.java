package io.jenkins.plugins.signedwebhook.core.outbound.signing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class StandardWebhooksVerifierTest {
    private static final String ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private static final Instant SENT = Instant.parse("2026-11-23T10:15:30Z");
    private static final byte[] BODY = "{\"type\":\"deploy.finished\"}".getBytes(StandardCharsets.UTF_8);
    private static final SigningSecret SECRET = SigningSecret.of("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
    private static final SigningSecret OTHER = SigningSecret.of("another secret");

    private static StandardWebhooksVerifier verifierAt(Instant now, SigningSecret... secrets) {
        return new StandardWebhooksVerifier(List.of(secrets), Clock.fixed(now, ZoneOffset.UTC));
    }

    private static String signature(SigningSecret secret) {
        return StandardWebhooks.sign(secret, ID, SENT.getEpochSecond(), BODY);
    }

    private static String timestamp() {
        return Long.toString(SENT.getEpochSecond());
    }

    @Test
    void acceptsItsOwnSignature() {
        assertThat(verifierAt(SENT, SECRET).verify(ID, timestamp(), signature(SECRET), BODY).verified()).isTrue();
    }

    @Test
    void acceptsAMessageFiveMinutesOld() {
        assertThat(verifierAt(SENT.plusSeconds(300), SECRET).verify(ID, timestamp(), signature(SECRET), BODY).verified())
                .isTrue();
    }

    @Test
    void rejectsAMessageMoreThanFiveMinutesOld() {
        assertThat(verifierAt(SENT.plusSeconds(301), SECRET).verify(ID, timestamp(), signature(SECRET), BODY))
                .isEqualTo(new Verification.Rejected(Verification.Reason.TIMESTAMP_TOO_OLD));
    }

    @Test
    void rejectsAMessageMoreThanFiveMinutesInTheFuture() {
        assertThat(verifierAt(SENT.minusSeconds(301), SECRET).verify(ID, timestamp(), signature(SECRET), BODY))
                .isEqualTo(new Verification.Rejected(Verification.Reason.TIMESTAMP_IN_FUTURE));
    }

    @Test
    void rejectsSignatureComputedWithAnotherSecret() {
        assertThat(verifierAt(SENT, SECRET).verify(ID, timestamp(), signature(OTHER), BODY))
                .isEqualTo(new Verification.Rejected(Verification.Reason.NO_MATCHING_SIGNATURE));
    }

    @Test
    void rejectsATamperedBody() {
        byte[] tampered = "{\"type\":\"deploy.failed\"}".getBytes(StandardCharsets.UTF_8);

        assertThat(verifierAt(SENT, SECRET).verify(ID, timestamp(), signature(SECRET), tampered).verified()).isFalse();
    }

    @Test
    void rejectsASignatureReplayedUnderAnotherId() {
        assertThat(verifierAt(SENT, SECRET).verify("msg_other", timestamp(), signature(SECRET), BODY).verified())
                .isFalse();
    }

    @Test
    void acceptsWhenAnyOfSeveralSignaturesMatchesDuringRotation() {
        String header = signature(OTHER) + " " + signature(SECRET);

        assertThat(verifierAt(SENT, SECRET).verify(ID, timestamp(), header, BODY).verified()).isTrue();
    }

    @Test
    void acceptsWhenTheVerifierHoldsTheOldAndNewSecret() {
        assertThat(verifierAt(SENT, OTHER, SECRET).verify(ID, timestamp(), signature(SECRET), BODY).verified())
                .isTrue();
    }

    @Test
    void ignoresSignaturesOfOtherVersions() {
        String header = signature(SECRET).replace("v1,", "v1a,");

        assertThat(verifierAt(SENT, SECRET).verify(ID, timestamp(), header, BODY))
                .isEqualTo(new Verification.Rejected(Verification.Reason.NO_MATCHING_SIGNATURE));
    }

    @Test
    void rejectsAMissingHeader() {
        assertThat(verifierAt(SENT, SECRET).verify(ID, null, signature(SECRET), BODY))
                .isEqualTo(new Verification.Rejected(Verification.Reason.MISSING_HEADER));
    }

    @Test
    void rejectsANonDecimalTimestamp() {
        assertThat(verifierAt(SENT, SECRET).verify(ID, "-1614265330", signature(SECRET), BODY))
                .isEqualTo(new Verification.Rejected(Verification.Reason.MALFORMED_TIMESTAMP));
    }

    @Test
    void rejectsSignatureThatIsNotBase64() {
        assertThat(verifierAt(SENT, SECRET).verify(ID, timestamp(), "v1,***", BODY).verified()).isFalse();
    }

    @Test
    void usesTheDecodedBytesOfAWhsecSecret() {
        SigningSecret rawBytes = SigningSecret.ofBytes(java.util.Base64.getDecoder().decode("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"));

        assertThat(signature(rawBytes)).isEqualTo(signature(SECRET));
    }

    @Test
    void usesTheUtf8BytesOfAnyOtherSecret() {
        SigningSecret text = SigningSecret.of("It's a Secret to Everybody");
        SigningSecret bytes = SigningSecret.ofBytes("It's a Secret to Everybody".getBytes(StandardCharsets.UTF_8));

        assertThat(signature(text)).isEqualTo(signature(bytes));
    }
}
