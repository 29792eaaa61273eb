package io.jenkins.plugins.signedwebhook.core.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.signedwebhook.core.signature.Hmac;
import io.jenkins.plugins.signedwebhook.core.signature.SignatureHeader;
import io.jenkins.plugins.signedwebhook.core.signature.WebhookSecret;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class BodyDigestTest {

    @Test
    void isTheFirstHalfOfTheBodysSha256() {
        // FIPS 180-2, appendix B.1: SHA-256("abc") = ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad
        assertThat(BodyDigest.of("abc".getBytes(StandardCharsets.US_ASCII)).hex()).isEqualTo("ba7816bf8f01cfea414140de5dae2223");
    }

    @Test
    void readsBackWhatItWrites() {
        BodyDigest d = BodyDigest.of("{\"ref\":\"refs/heads/main\"}".getBytes(StandardCharsets.UTF_8));
        assertThat(BodyDigest.parse(d.hex())).contains(d);
    }

    @Test
    void refusesTextThatIsNotThirtyTwoHexDigits() {
        assertThat(BodyDigest.parse(null)).isEmpty();
        assertThat(BodyDigest.parse("")).isEmpty();
        assertThat(BodyDigest.parse("ba7816bf8f01cfea414140de5dae222")).isEmpty();
        assertThat(BodyDigest.parse("ba7816bf8f01cfea414140de5dae2223b0")).isEmpty();
        assertThat(BodyDigest.parse("zz7816bf8f01cfea414140de5dae2223")).isEmpty();
    }

    @Test
    void aBodyVerifiedByAnotherSecretHasAnotherDigestAndTheLabelDoesNotCount() {
        byte[] body = "{\"ref\":\"refs/heads/main\"}".getBytes(StandardCharsets.UTF_8);
        BodyDigest byOrgHook = BodyDigest.of(WebhookSecret.of("org", "s1"), body);

        assertThat(BodyDigest.of(WebhookSecret.of("repo", "s2"), body))
                .isNotEqualTo(byOrgHook);
        assertThat(BodyDigest.of(WebhookSecret.of("renamed", "s1"), body))
                .isEqualTo(byOrgHook);
        assertThat(byOrgHook).isNotEqualTo(BodyDigest.of(body));
    }

    @Test
    void aVerifiedSha256SignatureGivesTheDigestWithoutAnotherPassAndTheSameOneAsComputingIt() {
        byte[] body = "{\"ref\":\"refs/heads/main\"}".getBytes(StandardCharsets.UTF_8);
        WebhookSecret secret = WebhookSecret.of("gh-hook", "It's a Secret to Everybody");
        SignatureHeader.Present signature = new SignatureHeader.Present(Hmac.SHA256,
                Hmac.SHA256.compute("It's a Secret to Everybody".getBytes(StandardCharsets.UTF_8), body));

        Claim.Verified verified = new Claim.BodyHmac(signature).verify(body, List.of(secret)).orElseThrow();

        assertThat(verified.digest()).isEqualTo(BodyDigest.of(secret, body));
        assertThat(verified.digestOf(body)).isEqualTo(BodyDigest.of(secret, body));
    }

    @Test
    void aSha1OnlySignatureLeavesTheDigestToBeComputed() {
        byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
        WebhookSecret secret = WebhookSecret.of("gh-hook", "s");
        SignatureHeader.Present signature = new SignatureHeader.Present(Hmac.SHA1,
                Hmac.SHA1.compute("s".getBytes(StandardCharsets.UTF_8), body));

        Claim.Verified verified = new Claim.BodyHmac(signature).verify(body, List.of(secret)).orElseThrow();

        assertThat(verified.digest()).isNull();
        assertThat(verified.digestOf(body)).isEqualTo(BodyDigest.of(secret, body));
    }
}
