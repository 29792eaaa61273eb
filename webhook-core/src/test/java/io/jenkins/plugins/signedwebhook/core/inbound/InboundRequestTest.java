package io.jenkins.plugins.signedwebhook.core.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InboundRequestTest {

    private static InboundRequest request(Map<String, List<String>> headers) {
        return new InboundRequest("POST", headers, 0, InputStream.nullInputStream());
    }

    @Test
    void aHeaderIsFoundWhateverCaseItWasSentOrAskedIn() {
        InboundRequest r = request(Map.of("x-github-event", List.of("push"), "X-HUB-SIGNATURE-256", List.of("sha256=ab")));

        assertThat(r.event()).isEqualTo("push");
        assertThat(r.first("X-GITHUB-EVENT")).isEqualTo("push");
        assertThat(r.signature256()).isEqualTo("sha256=ab");
        assertThat(r.values("x-hub-signature-256")).containsExactly("sha256=ab");
    }

    @Test
    void linesOfOneHeaderSentInTwoCasesAreAllKeptSoTheEngineSeesItGivenTwice() {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("X-Hub-Signature-256", List.of("sha256=first"));
        headers.put("x-hub-signature-256", List.of("sha256=second"));

        assertThat(request(headers).values(InboundRequest.SIGNATURE_256_HEADER))
                .containsExactlyInAnyOrder("sha256=first", "sha256=second");
    }

    @Test
    void anAbsentHeaderHasNoValues() {
        InboundRequest r = request(Map.of("X-GitHub-Event", List.of()));

        assertThat(r.values("X-GitHub-Event")).isEmpty();
        assertThat(r.deliveryId()).isNull();
    }

    @Test
    void tellsWhichHeadersTheEngineReadsInAnyCase() {
        assertThat(InboundRequest.reads("X-GitHub-Delivery")).isTrue();
        assertThat(InboundRequest.reads("x-gitlab-token")).isTrue();
        assertThat(InboundRequest.reads("CONTENT-ENCODING")).isTrue();
        assertThat(InboundRequest.reads("user-agent")).isFalse();
        assertThat(InboundRequest.reads("Cookie")).isFalse();
    }
}
