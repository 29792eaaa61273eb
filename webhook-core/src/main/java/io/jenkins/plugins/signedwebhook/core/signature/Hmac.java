package io.jenkins.plugins.signedwebhook.core.signature;

import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HMAC primitives shared by inbound verification and outbound signing. */
public enum Hmac {
    SHA256("HmacSHA256"),
    SHA1("HmacSHA1");

    private final String algorithm;

    Hmac(String algorithm) {
        this.algorithm = algorithm;
    }

    /** A fresh {@link Mac} keyed with {@code key}; a Mac is not thread-safe, so callers do not share one. */
    public Mac newMac(byte[] key) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(key, algorithm));
            return mac;
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            // Every Java SE runtime must provide HmacSHA256 and HmacSHA1; a key of any length is valid for HMAC.
            throw new IllegalStateException(algorithm + " is not available in this Java runtime", e);
        }
    }

    /** HMAC of {@code data[offset, offset+length)} under {@code key}. */
    public byte[] compute(byte[] key, byte[] data, int offset, int length) {
        Mac mac = newMac(key);
        mac.update(data, offset, length);
        return mac.doFinal();
    }

    public byte[] compute(byte[] key, byte[] data) {
        return compute(key, data, 0, data.length);
    }

    /** Constant-time comparison: the time taken does not depend on where the inputs differ. */
    public static boolean constantTimeEquals(byte[] expected, byte[] actual) {
        return MessageDigest.isEqual(expected, actual);
    }
}
