package io.jenkins.plugins.signedwebhook.core.outbound.signing;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;

/** In {@code mvn verify} this replays the seeds under {@code StandardWebhooksVerifierFuzzTestInputs/}. */
class StandardWebhooksVerifierFuzzTest {
    private static final SigningSecret SECRET = SigningSecret.of("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
    private static final Instant NOW = Instant.ofEpochSecond(1_614_265_330L);

    @FuzzTest
    void verifierNeverThrowsAndOnlyAcceptsSignedMessages(FuzzedDataProvider data) {
        String id = data.consumeString(64);
        String timestamp = data.consumeString(24);
        String signature = data.consumeString(256);
        byte[] body = data.consumeRemainingAsBytes();
        var verifier = new StandardWebhooksVerifier(List.of(SECRET), Clock.fixed(NOW, ZoneOffset.UTC));

        Verification result = verifier.verify(id, timestamp, signature, body);

        if (result.verified()) {
            String expected = "v1," + Base64.getEncoder().encodeToString(StandardWebhooks.mac(SECRET, id, timestamp, body));
            assertThat(signature.split(" ")).contains(expected);
        }
    }
}
