package io.jenkins.plugins.signedwebhook.core.inbound;

import io.jenkins.plugins.signedwebhook.core.signature.Hex;
import io.jenkins.plugins.signedwebhook.core.signature.Hmac;
import io.jenkins.plugins.signedwebhook.core.signature.WebhookSecret;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;

/**
 * The first 128 bits of the SHA-256 of a body as received, which is what its signature covers: the same signed body
 * sent again under a new delivery id has the same digest. 128 bits keep a collision out of reach, even for bodies
 * chosen by an attacker, in two longs instead of an object per byte array.
 *
 * <p>The engine keys it by the secret that verified the body ({@link #of(WebhookSecret, byte[])}): a replay must
 * verify with the same secret, and two webhooks (an organisation's and a repository's) that send the same body under
 * their own secrets are two deliveries, each for the subscriptions trusting its secret.
 */
public record BodyDigest(long high, long low) {
    private static final int BYTES = 16;

    /** One SHA-256 pass over the bytes. */
    public static BodyDigest of(byte[] body) {
        return ofSha256(sha256().digest(body));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /**
     * The digest of {@code body} as verified by {@code verifiedBy}: its HMAC-SHA256 under the secret, which is what a
     * GitHub, Gitea or Bitbucket signature is, so verifying one gives its digest without another pass over the body
     * ({@link #ofHmac}); the secret's bytes decide it, not its label, so renaming a credential does not reopen a window.
     */
    public static BodyDigest of(WebhookSecret verifiedBy, byte[] body) {
        return ofSha256(verifiedBy.newMac(Hmac.SHA256).doFinal(body));
    }

    /** The digest {@link #of(WebhookSecret, byte[])} gives, from the body's HMAC under the secret; none but SHA-256's. */
    public static Optional<BodyDigest> ofHmac(Hmac algorithm, byte[] mac) {
        return algorithm == Hmac.SHA256 ? Optional.of(ofSha256(mac)) : Optional.empty();
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
