package io.jenkins.plugins.signedwebhook.core.inbound;

import io.jenkins.plugins.signedwebhook.core.event.PushParser;
import io.jenkins.plugins.signedwebhook.core.event.PushHead;
import io.jenkins.plugins.signedwebhook.core.event.PushPayload;
import io.jenkins.plugins.signedwebhook.core.event.RepositoryPeek;
import io.jenkins.plugins.signedwebhook.core.forge.Forge;
import io.jenkins.plugins.signedwebhook.core.signature.SignatureHeader;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/** GitHub and GitHub Enterprise: {@code X-Hub-Signature-256: sha256=<hex HMAC of the body>}. */
record GitHubDialect() implements ForgeDialect {
    private static final List<String> SECURITY = List.of(InboundRequest.SIGNATURE_256_HEADER,
            InboundRequest.SIGNATURE_SHA1_HEADER, InboundRequest.DELIVERY_HEADER, InboundRequest.EVENT_HEADER);

    public Forge forge() {
        return Forge.GITHUB;
    }

    public boolean sentBy(InboundRequest request) {
        return true;
    }

    public List<String> headers() {
        return SECURITY;
    }

    public List<String> securityHeaders() {
        return SECURITY;
    }

    public String eventHeader() {
        return InboundRequest.EVENT_HEADER;
    }

    public String deliveryHeader() {
        return InboundRequest.DELIVERY_HEADER;
    }

    public String event(InboundRequest request) {
        return request.first(InboundRequest.EVENT_HEADER);
    }

    public String deliveryId(InboundRequest request) {
        return request.first(InboundRequest.DELIVERY_HEADER);
    }

    public Kind kind(String event) {
        return switch (event) {
            case "push" -> Kind.PUSH;
            case "ping" -> Kind.PING;
            default -> Kind.OTHER;
        };
    }

    public Claim claim(InboundRequest request, EngineSettings settings, Clock clock) {
        return GiteaDialect.bodyHmac(SignatureHeader.parse(request.signature256(), request.signatureSha1(), settings.acceptSha1()));
    }

    public RepositoryPeek.Result peek(byte[] json) {
        return RepositoryPeek.peek(json, 0, json.length);
    }

    public PushPayload parse(byte[] json, boolean readPaths) {
        return PushParser.read(json, 0, json.length, readPaths, Forge.GITHUB);
    }

    public Optional<PushHead> head(byte[] json) {
        return PushHead.ofGitHub(json);
    }
}
