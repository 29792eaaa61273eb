package io.jenkins.plugins.signedwebhook.core.inbound;

import io.jenkins.plugins.signedwebhook.core.signature.Hmac;
import io.jenkins.plugins.signedwebhook.core.signature.SignatureHeader;
import io.jenkins.plugins.signedwebhook.core.signature.SignatureVerifier;
import io.jenkins.plugins.signedwebhook.core.signature.WebhookSecret;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import javax.crypto.Mac;

/** What a delivery's headers claim proves it, as its forge sends it, read before any HMAC is computed. */
sealed interface Claim {

    /** The headers cannot prove anything: refused with this answer before the body is looked at further. */
    record Refused(Verdict verdict) implements Claim {}

    /** A claim that a secret can be checked against. */
    sealed interface Proof extends Claim {
        /** The first of {@code secrets} (distinct) that the claim holds for, each tried once, in constant time. */
        Optional<Verified> verify(byte[] raw, Collection<WebhookSecret> secrets);
    }

    /**
     * The secret a claim held for, with the body's replay digest when checking the claim computed it already.
     *
     * @param digest null when the claim's check computed no HMAC-SHA256 of the body alone
     */
    record Verified(WebhookSecret secret, BodyDigest digest) {
        Verified(WebhookSecret secret) {
            this(secret, null);
        }

        /** The digest of {@code raw} as verified by {@link #secret}: the one computed already, or one pass now. */
        BodyDigest digestOf(byte[] raw) {
            return digest != null ? digest : BodyDigest.of(secret, raw);
        }
    }

    /** An HMAC over the raw body: GitHub's, Gitea's and Forgejo's, Bitbucket's. */
    record BodyHmac(SignatureHeader.Present signature) implements Proof {
        public Optional<Verified> verify(byte[] raw, Collection<WebhookSecret> secrets) {
            return SignatureVerifier.match(signature, raw, 0, raw.length, secrets)
                    .map(m -> new Verified(m.secret(), BodyDigest.ofHmac(m.algorithm(), m.mac()).orElse(null)));
        }
    }

    /**
     * A Standard Webhooks signature (GitLab's signing token): HMAC-SHA256 of {@code id.timestamp.body}, with
     * the timestamp already found within tolerance.
     *
     * @param signatures the decoded digests of the {@code v1,} entries, any of which may match
     */
    record StandardWebhooks(String id, String timestamp, List<byte[]> signatures) implements Proof {
        public StandardWebhooks {
            signatures = List.copyOf(signatures);
        }

        public Optional<Verified> verify(byte[] raw, Collection<WebhookSecret> secrets) {
            byte[] prefix = (id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8);
            for (WebhookSecret secret : secrets) {
                Mac mac = secret.newStandardWebhooksMac();
                mac.update(prefix);
                mac.update(raw);
                byte[] expected = mac.doFinal();
                boolean matched = false;
                for (byte[] claimed : signatures) {
                    // Every entry is compared, so the time taken does not say which one matched.
                    matched |= Hmac.constantTimeEquals(expected, claimed);
                }
                if (matched) {
                    return Optional.of(new Verified(secret));
                }
            }
            return Optional.empty();
        }
    }

    /** GitLab's classic {@code X-Gitlab-Token}: the secret itself, no signature over the body. */
    record Token(byte[] token) implements Proof {
        public Optional<Verified> verify(byte[] raw, Collection<WebhookSecret> secrets) {
            for (WebhookSecret secret : secrets) {
                if (secret.isToken(token)) {
                    return Optional.of(new Verified(secret));
                }
            }
            return Optional.empty();
        }

        @Override
        public String toString() {
            return "Token[redacted]";
        }
    }
}
