package io.jenkins.plugins.signedwebhook.core.signature;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.signedwebhook.core.testing.Fixtures;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class SignatureVectorsTest {
    private static final byte[] VECTORS = Fixtures.resource("/vectors/signatures.json");

    @Test
    void verifiesGitHubsPublishedTestVector() {
        for (JsonNode v : Fixtures.json(VECTORS).get("github_x_hub_signature_256")) {
            byte[] payload = v.get("payload").asText().getBytes(StandardCharsets.UTF_8);
            SignatureHeader header = SignatureHeader.parse(v.get("header").asText(), null, false);
            WebhookSecret secret = WebhookSecret.of("vector", v.get("secret").asText());

            assertThat(header).isInstanceOf(SignatureHeader.Present.class);
            assertThat(SignatureVerifier.verify((SignatureHeader.Present) header, payload, List.of(secret))).contains(secret);
            assertThat("sha256=" + Hex.lower(Hmac.SHA256.compute(v.get("secret").asText().getBytes(StandardCharsets.UTF_8), payload)))
                    .isEqualTo(v.get("header").asText());
        }
    }

    @Test
    void rejectsTheVectorWhenOneByteOfThePayloadChanges() {
        JsonNode v = Fixtures.json(VECTORS).get("github_x_hub_signature_256").get(0);
        byte[] payload = v.get("payload").asText().replace('!', '?').getBytes(StandardCharsets.UTF_8);
        SignatureHeader.Present header = (SignatureHeader.Present) SignatureHeader.parse(v.get("header").asText(), null, false);

        assertThat(SignatureVerifier.verify(header, payload, List.of(WebhookSecret.of("vector", v.get("secret").asText())))).isEmpty();
    }

    @Test
    void bundledVectorsAreTheSharedOnesByteForByte() throws Exception {
        String shared = System.getProperty("signedwebhook.vectors");
        Assumptions.assumeTrue(shared != null && Files.exists(Path.of(shared)), "../shared/vectors not beside this clone");
        assertThat(VECTORS).isEqualTo(Files.readAllBytes(Path.of(shared)));
    }
}
