package io.jenkins.plugins.signedwebhook.core.inbound;

import io.jenkins.plugins.signedwebhook.core.signature.Hex;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;

/**
 * The first 128 bits of the SHA-256 of a body as received, which is what its signature covers: the same signed body
 * sent again under a new delivery id has the same digest. 128 bits keep a collision out of reach, even for bodies
 * chosen by an attacker, in two longs instead of an object per byte array.
 */
public record BodyDigest(long high, long low) {
    private static final int BYTES = 16;

    /** One SHA-256 pass over the bytes. */
    public static BodyDigest of(byte[] body) {
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
        return ofSha256(sha256.digest(body));
    }

    /** The form {@link #hex()} writes: 32 lower-case hex digits; empty for anything else. */
    public static Optional<BodyDigest> parse(String hex) {
        return hex == null ? Optional.empty() : Hex.decode(hex, BYTES).map(BodyDigest::ofSha256);
    }

    public String hex() {
        byte[] bytes = new byte[BYTES];
        for (int i = 0; i < 8; i++) {
            bytes[i] = (byte) (high >>> (56 - 8 * i));
            bytes[i + 8] = (byte) (low >>> (56 - 8 * i));
        }
        return Hex.lower(bytes);
    }

    /** The first 128 bits of a SHA-256 result (or of any 16 bytes or more). */
    static BodyDigest ofSha256(byte[] d) {
        long h = 0;
        long l = 0;
        for (int i = 0; i < 8; i++) {
            h = (h << 8) | (d[i] & 0xff);
            l = (l << 8) | (d[i + 8] & 0xff);
        }
        return new BodyDigest(h, l);
    }
}
