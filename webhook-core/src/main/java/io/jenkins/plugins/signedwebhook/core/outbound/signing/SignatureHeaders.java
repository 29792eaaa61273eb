package io.jenkins.plugins.signedwebhook.core.outbound.signing;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The headers that identify and sign one attempt of a message. Signatures are present only when the message has
 * at least one secret; {@code webhook-id} and {@code webhook-timestamp} always are, so receivers can de-duplicate.
 */
public record SignatureHeaders(
        String webhookId, String webhookTimestamp, Optional<String> webhookSignature, Optional<String> hubSignature256) {

    /**
     * Signs {@code body} with every secret that signs Standard Webhooks (space-separated, for rotation) and with the
     * first secret that signs GitHub's scheme for {@code X-Hub-Signature-256}, which carries only one signature.
     */
    public static SignatureHeaders sign(String id, Instant timestamp, byte[] body, List<SigningSecret> secrets) {
        long seconds = timestamp.getEpochSecond();
        String standard = secrets.stream()
                .filter(SigningSecret::signsStandardWebhooks)
                .map(secret -> StandardWebhooks.sign(secret, id, seconds, body))
                .collect(Collectors.joining(" "));
        Optional<String> github = secrets.stream()
                .filter(SigningSecret::signsGitHub)
                .findFirst()
                .map(secret -> GitHubSignature.sign(secret, body));
        return new SignatureHeaders(
                id, Long.toString(seconds), standard.isEmpty() ? Optional.empty() : Optional.of(standard), github);
    }

    /** Header name to value, in a stable order. */
    public Map<String, String> asMap() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(StandardWebhooks.ID_HEADER, webhookId);
        headers.put(StandardWebhooks.TIMESTAMP_HEADER, webhookTimestamp);
        webhookSignature.ifPresent(value -> headers.put(StandardWebhooks.SIGNATURE_HEADER, value));
        hubSignature256.ifPresent(value -> headers.put(GitHubSignature.HEADER, value));
        return headers;
    }
}
