package io.jenkins.plugins.signedwebhook.core.signature;

import java.util.Collection;
import java.util.Optional;
import javax.crypto.Mac;

/** Checks a GitHub-style HMAC signature over the exact bytes received. */
public final class SignatureVerifier {
    private SignatureVerifier() {}

    /** The secret a signature was verified with, and the HMAC it computed over the body (the signature's algorithm). */
    public record Match(WebhookSecret secret, Hmac algorithm, byte[] mac) {}

    /**
     * Returns the secret whose HMAC over {@code body[offset, offset+length)} equals the claimed digest, trying each
     * secret once (callers pass distinct secrets); empty when none does.
     */
    public static Optional<WebhookSecret> verify(
            SignatureHeader.Present signature, byte[] body, int offset, int length, Collection<WebhookSecret> secrets) {
        return match(signature, body, offset, length, secrets).map(Match::secret);
    }

    public static Optional<WebhookSecret> verify(SignatureHeader.Present signature, byte[] body, Collection<WebhookSecret> secrets) {
        return verify(signature, body, 0, body.length, secrets);
    }

    /** As {@link #verify}, with the HMAC that matched, for a caller that needs the body's HMAC under the secret too. */
    public static Optional<Match> match(
            SignatureHeader.Present signature, byte[] body, int offset, int length, Collection<WebhookSecret> secrets) {
        for (WebhookSecret secret : secrets) {
            Mac mac = secret.newMac(signature.algorithm());
            mac.update(body, offset, length);
            byte[] computed = mac.doFinal();
            if (Hmac.constantTimeEquals(computed, signature.digest())) {
                return Optional.of(new Match(secret, signature.algorithm(), computed));
            }
        }
        return Optional.empty();
    }
}
