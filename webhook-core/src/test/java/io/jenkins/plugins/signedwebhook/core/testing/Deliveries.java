package io.jenkins.plugins.signedwebhook.core.testing;

import io.jenkins.plugins.signedwebhook.core.inbound.InboundRequest;
import io.jenkins.plugins.signedwebhook.core.signature.Hex;
import io.jenkins.plugins.signedwebhook.core.signature.Hmac;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Builds inbound requests the way GitHub sends them, signed with a given secret. */
public final class Deliveries {
    private String method = "POST";
    private String contentType = "application/json";
    private String event = "push";
    private String deliveryId = UUID.randomUUID().toString();
    private String signature256;
    private String signatureSha1;
    private byte[] body = new byte[0];
    private Long declaredLength;
    private String remoteAddress;
    private final Map<String, List<String>> extra = new LinkedHashMap<>();

    public static Deliveries push(byte[] json) {
        return new Deliveries().body(json);
    }

    public Deliveries body(byte[] bytes) {
        this.body = bytes;
        return this;
    }

    public Deliveries method(String m) {
        this.method = m;
        return this;
    }

    public Deliveries contentType(String type) {
        this.contentType = type;
        return this;
    }

    public Deliveries event(String e) {
        this.event = e;
        return this;
    }

    public Deliveries deliveryId(String id) {
        this.deliveryId = id;
        return this;
    }

    public Deliveries declaredLength(long length) {
        this.declaredLength = length;
        return this;
    }

    /** Signs the current body as GitHub does: sha256= and the lower-case hex HMAC over the exact bytes. */
    public Deliveries signedWith(String secret) {
        this.signature256 = sign(secret, body);
        return this;
    }

    public Deliveries signature(String header) {
        this.signature256 = header;
        return this;
    }

    public Deliveries sha1Signature(String header) {
        this.signatureSha1 = header;
        return this;
    }

    /** Adds one more line of a header, after those the builder sets: {@code header("X-Hub-Signature-256", "sha256=...")}. */
    public Deliveries header(String name, String value) {
        extra.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
        return this;
    }

    /** The peer the request comes from, as the server's socket sees it. */
    public Deliveries from(String address) {
        this.remoteAddress = address;
        return this;
    }

    public String deliveryId() {
        return deliveryId;
    }

    public static String sign(String secret, byte[] body) {
        return "sha256=" + Hex.lower(Hmac.SHA256.compute(secret.getBytes(StandardCharsets.UTF_8), body));
    }

    public InboundRequest build() {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        put(headers, InboundRequest.CONTENT_TYPE_HEADER, contentType);
        put(headers, InboundRequest.EVENT_HEADER, event);
        put(headers, InboundRequest.DELIVERY_HEADER, deliveryId);
        put(headers, InboundRequest.SIGNATURE_256_HEADER, signature256);
        put(headers, InboundRequest.SIGNATURE_SHA1_HEADER, signatureSha1);
        extra.forEach((name, values) -> values.forEach(v -> put(headers, name, v)));
        return new InboundRequest(method, headers, declaredLength == null ? body.length : declaredLength,
                new ByteArrayInputStream(body), remoteAddress);
    }

    private static void put(Map<String, List<String>> headers, String name, String value) {
        if (value != null) {
            String key = headers.keySet().stream().filter(name::equalsIgnoreCase).findFirst().orElse(name);
            headers.computeIfAbsent(key, n -> new ArrayList<>()).add(value);
        }
    }
}
