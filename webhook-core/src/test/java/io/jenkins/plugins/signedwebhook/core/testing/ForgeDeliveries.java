package io.jenkins.plugins.signedwebhook.core.testing;

import io.jenkins.plugins.signedwebhook.core.inbound.InboundRequest;
import io.jenkins.plugins.signedwebhook.core.signature.Hex;
import io.jenkins.plugins.signedwebhook.core.signature.Hmac;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Builds inbound requests as Gitea, Forgejo, GitLab and Bitbucket Cloud send them (headers from each forge's webhook
 * documentation), signed with a given secret.
 */
public final class ForgeDeliveries {
    private final Map<String, List<String>> headers = new LinkedHashMap<>();
    private final byte[] body;
    private final String deliveryId;

    private ForgeDeliveries(byte[] body, String deliveryId) {
        this.body = body;
        this.deliveryId = deliveryId;
        header("Content-Type", "application/json");
    }

    /** GitHub's headers, for comparing the other forges with it. */
    public static ForgeDeliveries github(byte[] body, String secret) {
        String id = UUID.randomUUID().toString();
        return new ForgeDeliveries(body, id).header("X-GitHub-Event", "push").header("X-GitHub-Delivery", id)
                .header("X-Hub-Signature-256", "sha256=" + hex(secret, body));
    }

    /**
     * Gitea's headers (docs.gitea.com "Webhooks"): it also sends GitHub's event, delivery and signature headers, which
     * a receiver must not take for a GitHub delivery.
     */
    public static ForgeDeliveries gitea(byte[] body, String secret) {
        String id = UUID.randomUUID().toString();
        String hex = hex(secret, body);
        return new ForgeDeliveries(body, id).header("X-GitHub-Event", "push").header("X-GitHub-Delivery", id)
                .header("X-Gitea-Event", "push").header("X-Gitea-Delivery", id).header("X-Gitea-Signature", hex)
                .header("X-Hub-Signature-256", "sha256=" + hex);
    }

    /** Forgejo sends its own headers beside Gitea's. */
    public static ForgeDeliveries forgejo(byte[] body, String secret) {
        String hex = hex(secret, body);
        ForgeDeliveries d = gitea(body, secret);
        return d.header("X-Forgejo-Event", "push").header("X-Forgejo-Delivery", d.deliveryId).header("X-Forgejo-Signature", hex);
    }

    /** GitLab with a signing token: Standard Webhooks headers over {@code id.timestamp.body}. */
    public static ForgeDeliveries gitlab(byte[] body, String whsecSecret, String event, long timestamp) {
        String id = UUID.randomUUID().toString();
        return new ForgeDeliveries(body, id).header("X-Gitlab-Event", event).header("X-Gitlab-Event-UUID", id)
                .header("Idempotency-Key", id).header("webhook-id", id).header("webhook-timestamp", Long.toString(timestamp))
                .header("webhook-signature", "v1," + standardSignature(whsecSecret, id, Long.toString(timestamp), body));
    }

    /** GitLab with only a secret token: {@code X-Gitlab-Token} is the secret itself. */
    public static ForgeDeliveries gitlabToken(byte[] body, String token, String event) {
        String id = UUID.randomUUID().toString();
        return new ForgeDeliveries(body, id).header("X-Gitlab-Event", event).header("X-Gitlab-Event-UUID", id)
                .header("X-Gitlab-Token", token);
    }

    /** Bitbucket Cloud: {@code X-Hub-Signature: sha256=<hex>}, {@code X-Event-Key}, {@code X-Request-UUID}. */
    public static ForgeDeliveries bitbucket(byte[] body, String secret, String event) {
        String id = UUID.randomUUID().toString();
        return new ForgeDeliveries(body, id).header("X-Event-Key", event).header("X-Request-UUID", id)
                .header("X-Hook-UUID", UUID.randomUUID().toString()).header("X-Attempt-Number", "1")
                .header("X-Hub-Signature", "sha256=" + hex(secret, body));
    }

    public ForgeDeliveries header(String name, String value) {
        headers.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
        return this;
    }

    /** Replaces every value of a header (any case); null removes it. */
    public ForgeDeliveries replace(String name, String value) {
        headers.keySet().removeIf(name::equalsIgnoreCase);
        return value == null ? this : header(name, value);
    }

    public String deliveryId() {
        return deliveryId;
    }

    public Map<String, List<String>> headers() {
        return headers;
    }

    public byte[] body() {
        return body;
    }

    public InboundRequest build() {
        return new InboundRequest("POST", headers, body.length, new ByteArrayInputStream(body));
    }

    public static String hex(String secret, byte[] body) {
        return Hex.lower(Hmac.SHA256.compute(secret.getBytes(StandardCharsets.UTF_8), body));
    }

    /** The Standard Webhooks {@code v1} digest, keyed with the base64-decoded rest of a {@code whsec_} secret. */
    public static String standardSignature(String whsecSecret, String id, String timestamp, byte[] body) {
        byte[] key = Base64.getDecoder().decode(whsecSecret.substring("whsec_".length()));
        byte[] prefix = (id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8);
        byte[] signed = new byte[prefix.length + body.length];
        System.arraycopy(prefix, 0, signed, 0, prefix.length);
        System.arraycopy(body, 0, signed, prefix.length, body.length);
        return Base64.getEncoder().encodeToString(Hmac.SHA256.compute(key, signed));
    }
}
