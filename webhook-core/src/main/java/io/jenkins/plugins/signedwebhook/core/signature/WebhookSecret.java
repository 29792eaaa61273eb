package io.jenkins.plugins.signedwebhook.core.signature;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import javax.crypto.Mac;

/**
 * A shared HMAC secret with a label that is safe to show (a credentials id, an environment variable name).
 * Two secrets with the same bytes are equal whatever their labels, so a delivery costs one HMAC per distinct
 * value. The value never leaves this class: not in {@link #toString()}, not through an accessor.
 */
public final class WebhookSecret {
    private final String label;
    private final byte[] key;
    /** Keyed MACs to clone from, one per algorithm: cloning skips the provider look-up and key set-up per delivery. */
    private final Map<Hmac, Mac> prototypes = new EnumMap<>(Hmac.class);
    /** Keyed for Standard Webhooks: the base64-decoded rest of a {@code whsec_} secret, else the bytes as typed. */
    private final Mac standardPrototype;
    private static final byte[] STANDARD_PREFIX = "whsec_".getBytes(StandardCharsets.US_ASCII);

    private WebhookSecret(String label, byte[] key) {
        this.label = Objects.requireNonNull(label, "label");
        if (key.length == 0) {
            throw new IllegalArgumentException("secret '" + label + "' is empty; GitHub signs nothing with an empty secret");
        }
        this.key = key;
        for (Hmac algorithm : Hmac.values()) {
            prototypes.put(algorithm, algorithm.newMac(key));
        }
        this.standardPrototype = Hmac.SHA256.newMac(standardKey(key));
    }

    private static byte[] standardKey(byte[] key) {
        if (key.length <= STANDARD_PREFIX.length || !Arrays.equals(key, 0, STANDARD_PREFIX.length, STANDARD_PREFIX, 0,
                STANDARD_PREFIX.length)) {
            return key;
        }
        try {
            byte[] decoded = Base64.getDecoder().decode(Arrays.copyOfRange(key, STANDARD_PREFIX.length, key.length));
            return decoded.length == 0 ? key : decoded;
        } catch (IllegalArgumentException e) {
            return key;
        }
    }

    /** The secret as GitHub uses it: the UTF-8 bytes of the text typed into the webhook form. */
    public static WebhookSecret of(String label, String value) {
        Objects.requireNonNull(value, "value");
        return new WebhookSecret(label, value.getBytes(StandardCharsets.UTF_8));
    }

    public static WebhookSecret ofBytes(String label, byte[] value) {
        return new WebhookSecret(label, value.clone());
    }

    public String label() {
        return label;
    }

    /** A MAC keyed with this secret; the key bytes themselves are never handed out. */
    public Mac newMac(Hmac algorithm) {
        Mac prototype = prototypes.get(algorithm);
        synchronized (prototype) {
            try {
                return (Mac) prototype.clone();
            } catch (CloneNotSupportedException e) {
                return algorithm.newMac(key);
            }
        }
    }

    /** An HMAC-SHA256 keyed as Standard Webhooks (GitLab's signing token) uses this secret. */
    public Mac newStandardWebhooksMac() {
        synchronized (standardPrototype) {
            try {
                return (Mac) standardPrototype.clone();
            } catch (CloneNotSupportedException e) {
                return Hmac.SHA256.newMac(standardKey(key));
            }
        }
    }

    /** Whether {@code token} is this secret itself, compared in constant time (GitLab's {@code X-Gitlab-Token}). */
    public boolean isToken(byte[] token) {
        return MessageDigest.isEqual(key, token);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WebhookSecret other && Hmac.constantTimeEquals(key, other.key);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(key);
    }

    @Override
    public String toString() {
        return "WebhookSecret[" + label + "]";
    }
}
