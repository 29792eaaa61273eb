package io.jenkins.plugins.signedwebhook.core.signature;

import java.util.Collection;
import java.util.Optional;
import javax.crypto.Mac;

/** Checks a GitHub-style HMAC signature over the exact bytes received. */
public final class SignatureVerifier {
    private SignatureVerifier() {}

    /**
     * Returns the secret whose HMAC over {@code body[offset, offset+length)} equals the claimed digest, trying each
     * secret once (callers pass distinct secrets); empty when none does.
     */
    public static Optional<WebhookSecret> verify(
            SignatureHeader.Present signature, byte[] body, int offset, int length, Collection<WebhookSecret> secrets) {
        for (WebhookSecret secret : secrets) {
            Mac mac = secret.newMac(signature.algorithm());
            mac.update(body, offset, length);
            if (Hmac.constantTimeEquals(mac.doFinal(), signature.digest())) {
                return Optional.of(secret);
            }
        }
        return Optional.empty();
    }

    public static Optional<WebhookSecret> verify(SignatureHeader.Present signature, byte[] body, Collection<WebhookSecret> secrets) {
        return verify(signature, body, 0, body.length, secrets);
    }
}
