package io.jenkins.plugins.signedwebhook.core.outbound;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;

/**
 * A message ready to send: the JSON body is fixed once, so every attempt sends the same bytes under the same id.
 * It names its secret only by {@code secretReference} (null for an unsigned message), never holds it. Its
 * {@code limits} travel with it through the outbox, so a restart does not change its budget.
 */
public record OutboundMessage(
        String id, URI target, String body, String secretReference, Instant createdAt, DeliveryLimits limits) {

    public OutboundMessage {
        Callback.requireId(id);
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(limits, "limits");
    }

    /** A message with the dispatcher's own limits. */
    public OutboundMessage(String id, URI target, String body, String secretReference, Instant createdAt) {
        this(id, target, body, secretReference, createdAt, DeliveryLimits.NONE);
    }

    /** The callback's JSON to {@code target}, signed with the secrets {@code secretReference} resolves to. */
    public static OutboundMessage of(Callback callback, URI target, String secretReference) {
        return new OutboundMessage(
                callback.id(),
                target,
                new String(callback.toJson(), StandardCharsets.UTF_8),
                secretReference,
                callback.timestamp());
    }

    /** This message, delivered within {@code value} as well as the dispatcher's settings. */
    public OutboundMessage withLimits(DeliveryLimits value) {
        return new OutboundMessage(id, target, body, secretReference, createdAt, value);
    }

    public byte[] bodyBytes() {
        return body.getBytes(StandardCharsets.UTF_8);
    }

    /** The target without user info, query or fragment, which may hold tokens; for logs and messages. */
    public String targetForLogs() {
        return redact(target);
    }

    static String redact(URI uri) {
        String host = uri.getHost() == null ? String.valueOf(uri.getRawAuthority()) : uri.getHost();
        String port = uri.getPort() < 0 ? "" : ":" + uri.getPort();
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        return uri.getScheme() + "://" + host + port + path;
    }

    @Override
    public String toString() {
        return "OutboundMessage[id=" + id + ", target=" + targetForLogs() + ", body=" + body.length() + " chars"
                + ", signed=" + (secretReference != null) + ", createdAt=" + createdAt + ", limits=" + limits + "]";
    }
}
