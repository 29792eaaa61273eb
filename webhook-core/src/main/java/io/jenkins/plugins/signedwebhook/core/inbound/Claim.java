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
     * The secret a claim held for, and whether a copy of the body could be sent again under another delivery id: only
     * when the signature covers the body alone (GitHub's, Gitea's, Bitbucket's). A Standard Webhooks signature covers
     * the id too, so such a copy does not verify; a token proves nothing of the body, so whoever has it sends any body;
     * and GitLab's bodies carry nothing per push, so a push repeated at the same commit (a tag deleted and pushed again)
     * would be taken for a copy.
     *
     * @param digest the body's replay digest when checking the claim computed it already, else null
     */
    record Verified(WebhookSecret secret, boolean bodyAlone, BodyDigest digest) {
        Verified(WebhookSecret secret) {
            this(secret, false, null);
        }

        /** The replay digest of {@code raw} (the one computed already, or one pass now); null when copies cannot verify. */
        BodyDigest replayDigest(byte[] raw) {
            if (!bodyAlone) {
                return null;
            }
            return digest != null ? digest : BodyDigest.of(secret, raw);
        }
    }

    /** An HMAC over the raw body: GitHub's, Gitea's and Forgejo's, Bitbucket's. */
    record BodyHmac(SignatureHeader.Present signature) implements Proof {
        public Optional<Verified> verify(byte[] raw, Collection<WebhookSecret> secrets) {
            return SignatureVerifier.match(signature, raw, 0, raw.length, secrets)
                    .map(m -> new Verified(m.secret(), true, BodyDigest.ofHmac(m.algorithm(), m.mac()).orElse(null)));
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
