package io.jenkins.plugins.signedwebhook.core.inbound;

import io.jenkins.plugins.signedwebhook.core.event.GitLabPushParser;
import io.jenkins.plugins.signedwebhook.core.event.PushHead;
import io.jenkins.plugins.signedwebhook.core.event.PushPayload;
import io.jenkins.plugins.signedwebhook.core.event.RepositoryPeek;
import io.jenkins.plugins.signedwebhook.core.forge.Forge;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * GitLab: the Standard Webhooks signature it sends when a signing token is set ({@code webhook-id},
 * {@code webhook-timestamp}, {@code webhook-signature: v1,<base64 HMAC-SHA256 of id.timestamp.body>}), or the classic
 * {@code X-Gitlab-Token}, which is the secret itself and proves nothing about the body. {@code X-Gitlab-Event} is
 * {@code Push Hook} or {@code Tag Push Hook}; GitLab has no ping (its "Test" button sends a sample push).
 */
record GitLabDialect() implements ForgeDialect {
    static final String EVENT_HEADER = "X-Gitlab-Event";
    static final String TOKEN_HEADER = "X-Gitlab-Token";
    static final String ID_HEADER = "webhook-id";
    static final String TIMESTAMP_HEADER = "webhook-timestamp";
    static final String SIGNATURE_HEADER = "webhook-signature";
    static final String IDEMPOTENCY_HEADER = "Idempotency-Key";
    /** Each hook's own call (GitLab 16.2+); the event's UUID is shared by every hook one push fires. */
    static final String WEBHOOK_UUID_HEADER = "X-Gitlab-Webhook-UUID";
    static final String UUID_HEADER = "X-Gitlab-Event-UUID";
    private static final int MAX_TIMESTAMP_DIGITS = 18;
    /** More entries than a rotation needs cost comparisons for nothing. */
    private static final int MAX_SIGNATURES = 8;
    private static final String V1 = "v1,";
    private static final List<String> SECURITY = List.of(EVENT_HEADER, TOKEN_HEADER, ID_HEADER, TIMESTAMP_HEADER,
            SIGNATURE_HEADER, IDEMPOTENCY_HEADER, WEBHOOK_UUID_HEADER, UUID_HEADER);

    public Forge forge() {
        return Forge.GITLAB;
    }

    public boolean sentBy(InboundRequest request) {
        return request.first(EVENT_HEADER) != null;
    }

    public List<String> headers() {
        return SECURITY;
    }

    public List<String> securityHeaders() {
        return SECURITY;
    }

    public String eventHeader() {
        return EVENT_HEADER;
    }

    public String deliveryHeader() {
        return ID_HEADER;
    }

    public String event(InboundRequest request) {
        return request.first(EVENT_HEADER);
    }

    /**
     * {@code webhook-id} (equal to {@code Idempotency-Key}, the same across retries), else {@code X-Gitlab-Webhook-UUID}
     * (one hook's call), else {@code X-Gitlab-Event-UUID}: the last is shared by every hook one push fires, so two hooks
     * reaching one server would be one delivery by it.
     */
    public String deliveryId(InboundRequest request) {
        for (String header : List.of(ID_HEADER, IDEMPOTENCY_HEADER, WEBHOOK_UUID_HEADER, UUID_HEADER)) {
            String value = request.first(header);
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return null;
    }

    public Kind kind(String event) {
        return event.equals("Push Hook") || event.equals("Tag Push Hook") ? Kind.PUSH : Kind.OTHER;
    }

    public Claim claim(InboundRequest request, EngineSettings settings, Clock clock) {
        String signature = request.first(SIGNATURE_HEADER);
        if (signature == null) {
            String token = request.first(TOKEN_HEADER);
            return token == null
                    ? refused("no " + SIGNATURE_HEADER + " header; set a signing token on the webhook in GitLab")
                    : new Claim.Token(token.getBytes(StandardCharsets.UTF_8));
        }
        String id = request.first(ID_HEADER);
        String timestamp = request.first(TIMESTAMP_HEADER);
        if (id == null || timestamp == null) {
            return refused(SIGNATURE_HEADER + " needs " + ID_HEADER + " and " + TIMESTAMP_HEADER + " beside it");
        }
        if (!isDecimal(timestamp)) {
            return refused(TIMESTAMP_HEADER + " must be seconds since 1970 in decimal digits");
        }
        long skew = clock.instant().getEpochSecond() - Long.parseLong(timestamp);
        long tolerance = settings.timestampTolerance().toSeconds();
        if (Math.abs(skew) > tolerance) {
            return new Claim.Refused(new Verdict.StaleTimestamp(skew, tolerance));
        }
        List<byte[]> digests = new ArrayList<>();
        for (String entry : signature.strip().split(" +")) {
            if (entry.startsWith(V1) && digests.size() < MAX_SIGNATURES) {
                try {
                    digests.add(Base64.getDecoder().decode(entry.substring(V1.length())));
                } catch (IllegalArgumentException e) {
                    return refused(SIGNATURE_HEADER + " entries must be v1, followed by base64");
                }
            }
        }
        return digests.isEmpty() ? refused(SIGNATURE_HEADER + " has no v1,<base64> entry") : new Claim.StandardWebhooks(id, timestamp, digests);
    }

    private static Claim refused(String reason) {
        return new Claim.Refused(new Verdict.BadSignatureHeader(reason));
    }

    private static boolean isDecimal(String text) {
        if (text.isEmpty() || text.length() > MAX_TIMESTAMP_DIGITS) {
            return false;
        }
        return text.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    public RepositoryPeek.Result peek(byte[] json) {
        return RepositoryPeek.peek(json, 0, json.length, "project", "path_with_namespace");
    }

    public PushPayload parse(byte[] json, boolean readPaths) {
        return GitLabPushParser.read(json, 0, json.length, readPaths);
    }

    public Optional<PushHead> head(byte[] json) {
        return PushHead.ofGitLab(json);
    }
}
