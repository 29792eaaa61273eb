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

/**
 * Gitea and Forgejo ({@code prefix} {@code X-Gitea-} or {@code X-Forgejo-}): {@code <prefix>Signature: <hex HMAC-SHA256
 * of the body>} with no prefix, {@code <prefix>Event}, {@code <prefix>Delivery}; a push shaped as GitHub's. They have
 * no ping: their "Test Delivery" sends a push.
 */
record GiteaDialect(Forge forge, String prefix) implements ForgeDialect {

    public boolean sentBy(InboundRequest request) {
        return request.first(prefix + "Event") != null || request.first(prefix + "Signature") != null;
    }

    public List<String> headers() {
        return securityHeaders();
    }

    public List<String> securityHeaders() {
        return List.of(prefix + "Signature", prefix + "Event", prefix + "Delivery");
    }

    public String eventHeader() {
        return prefix + "Event";
    }

    public String deliveryHeader() {
        return prefix + "Delivery";
    }

    public String event(InboundRequest request) {
        return request.first(eventHeader());
    }

    public String deliveryId(InboundRequest request) {
        return request.first(deliveryHeader());
    }

    public Kind kind(String event) {
        return PUSH_EVENT.equals(event) ? Kind.PUSH : Kind.OTHER;
    }

    public Claim claim(InboundRequest request, EngineSettings settings, Clock clock) {
        return bodyHmac(SignatureHeader.sha256(request.first(prefix + "Signature"), "", prefix + "Signature",
                "set a secret on the webhook in " + forge.displayName()));
    }

    /** A body HMAC header read, as a claim: the parse problem is a {@code bad_signature_header} answer. */
    static Claim bodyHmac(SignatureHeader header) {
        if (header instanceof SignatureHeader.Present present) {
            return new Claim.BodyHmac(present);
        }
        String reason = header instanceof SignatureHeader.Missing missing ? missing.reason()
                : ((SignatureHeader.Malformed) header).reason();
        return new Claim.Refused(new Verdict.BadSignatureHeader(reason));
    }

    public RepositoryPeek.Result peek(byte[] json) {
        return RepositoryPeek.peek(json, 0, json.length);
    }

    public PushPayload parse(byte[] json, boolean readPaths) {
        return PushParser.read(json, 0, json.length, readPaths, forge);
    }

    public Optional<PushHead> head(byte[] json) {
        return PushHead.ofGitHub(json);
    }
}
