package io.jenkins.plugins.signedwebhook.core.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
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
}
