package io.jenkins.plugins.signedwebhook.core.outbound.signing;

import io.jenkins.plugins.signedwebhook.core.signature.Hmac;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import javax.crypto.Mac;

/** The Standard Webhooks v1 signature: {@code v1,<base64 HMAC-SHA256 of "id.timestamp.body">}. */
public final class StandardWebhooks {
    public static final String ID_HEADER = "webhook-id";
    public static final String TIMESTAMP_HEADER = "webhook-timestamp";
    public static final String SIGNATURE_HEADER = "webhook-signature";
    static final String VERSION_PREFIX = "v1,";

    private StandardWebhooks() {}

    /** One {@code v1,<base64>} signature of {@code body} for {@code secret}. */
    public static String sign(SigningSecret secret, String id, long timestampSeconds, byte[] body) {
        return VERSION_PREFIX + Base64.getEncoder().encodeToString(mac(secret, id, Long.toString(timestampSeconds), body));
    }

    static byte[] mac(SigningSecret secret, String id, String timestamp, byte[] body) {
        Mac mac = Hmac.SHA256.newMac(secret.standardKey());
        mac.update(id.getBytes(StandardCharsets.UTF_8));
        mac.update((byte) '.');
        mac.update(timestamp.getBytes(StandardCharsets.US_ASCII));
        mac.update((byte) '.');
        mac.update(body);
        return mac.doFinal();
    }
}
