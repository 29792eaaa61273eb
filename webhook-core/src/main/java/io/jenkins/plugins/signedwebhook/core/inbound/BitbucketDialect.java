package io.jenkins.plugins.signedwebhook.core.inbound;

import io.jenkins.plugins.signedwebhook.core.event.BitbucketPushParser;
import io.jenkins.plugins.signedwebhook.core.event.PushHead;
import io.jenkins.plugins.signedwebhook.core.event.PushPayload;
import io.jenkins.plugins.signedwebhook.core.event.RepositoryPeek;
import io.jenkins.plugins.signedwebhook.core.forge.Forge;
import io.jenkins.plugins.signedwebhook.core.signature.SignatureHeader;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Bitbucket Cloud: {@code X-Hub-Signature: sha256=<hex HMAC-SHA256 of the body>} (the header GitHub uses for SHA-1),
 * {@code X-Event-Key: repo:push}, {@code X-Request-UUID}; one push may change several refs.
 */
record BitbucketDialect() implements ForgeDialect {
    static final String EVENT_HEADER = "X-Event-Key";
    static final String DELIVERY_HEADER = "X-Request-UUID";
    private static final List<String> SECURITY = List.of(InboundRequest.SIGNATURE_SHA1_HEADER, EVENT_HEADER, DELIVERY_HEADER);

    public Forge forge() {
        return Forge.BITBUCKET;
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
        return DELIVERY_HEADER;
    }

    public String event(InboundRequest request) {
        return request.first(EVENT_HEADER);
    }

    public String deliveryId(InboundRequest request) {
        return request.first(DELIVERY_HEADER);
    }

    public Kind kind(String event) {
        // Bitbucket Cloud has no test event: diagnostics:ping is Bitbucket Server's, which this dialect does not speak.
        return "repo:push".equals(event) ? Kind.PUSH : Kind.OTHER;
    }

    public Claim claim(InboundRequest request, EngineSettings settings, Clock clock) {
        return GiteaDialect.bodyHmac(SignatureHeader.sha256(request.first(InboundRequest.SIGNATURE_SHA1_HEADER), "sha256=",
                InboundRequest.SIGNATURE_SHA1_HEADER, "set a secret on the webhook in Bitbucket"));
    }

    public RepositoryPeek.Result peek(byte[] json) {
        return RepositoryPeek.peek(json, 0, json.length);
    }

    public PushPayload parse(byte[] json, boolean readPaths) {
        return BitbucketPushParser.read(json, 0, json.length);
    }

    /** Never: a Bitbucket push may carry several changes, each matched as a ref of its own by the full parse. */
    public Optional<PushHead> head(byte[] json) {
        return Optional.empty();
    }
}
