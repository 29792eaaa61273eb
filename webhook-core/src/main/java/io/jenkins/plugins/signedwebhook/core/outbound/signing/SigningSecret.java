package io.jenkins.plugins.signedwebhook.core.outbound.signing;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A signing secret. It keeps two keys: the Standard Webhooks key (the decoded bytes of a {@code whsec_<base64>}
 * secret, otherwise the UTF-8 bytes) and the GitHub key (always the UTF-8 bytes of the secret as typed, which is
 * what a receiver written for {@code X-Hub-Signature-256} configures). It never prints either.
 */
public final class SigningSecret {
    private static final String STANDARD_PREFIX = "whsec_";

    private final byte[] standardKey;
    private final byte[] githubKey;
    private final boolean signsStandardWebhooks;
    private final boolean signsGitHub;

    private SigningSecret(byte[] standardKey, byte[] githubKey) {
        this(standardKey, githubKey, true, true);
    }

    private SigningSecret(byte[] standardKey, byte[] githubKey, boolean signsStandardWebhooks, boolean signsGitHub) {
        this.standardKey = standardKey;
        this.githubKey = githubKey;
        this.signsStandardWebhooks = signsStandardWebhooks;
        this.signsGitHub = signsGitHub;
    }

    /** This secret for {@code webhook-signature} only, for a receiver that checks Standard Webhooks alone. */
    public SigningSecret onlyStandardWebhooks() {
        return new SigningSecret(standardKey, githubKey, true, false);
    }

    /** This secret for {@code X-Hub-Signature-256} only, for a receiver written for GitHub's scheme. */
    public SigningSecret onlyGitHub() {
        return new SigningSecret(standardKey, githubKey, false, true);
    }

    public boolean signsStandardWebhooks() {
        return signsStandardWebhooks;
    }

    public boolean signsGitHub() {
        return signsGitHub;
    }

    /**
     * A secret as users write it.
     *
     * @throws IllegalArgumentException if it is empty, or starts with {@code whsec_} and the rest is not base64;
     *     the message never repeats the secret
     */
    public static SigningSecret of(String secret) {
        if (secret == null || secret.isEmpty()) {
            throw new IllegalArgumentException("secret: must not be empty");
        }
        byte[] text = secret.getBytes(StandardCharsets.UTF_8);
        if (!secret.startsWith(STANDARD_PREFIX)) {
            return new SigningSecret(text, text);
        }
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(secret.substring(STANDARD_PREFIX.length()));
        } catch (IllegalArgumentException e) {
            // The decoder's message can quote the offending character of the secret, so it is not chained.
            throw new IllegalArgumentException("secret: starts with whsec_ but the rest is not valid base64");
        }
        if (decoded.length == 0) {
            throw new IllegalArgumentException("secret: whsec_ must be followed by at least one byte of base64");
        }
        return new SigningSecret(decoded, text);
    }

    /** A secret given as raw key bytes; both schemes use those bytes. */
    public static SigningSecret ofBytes(byte[] key) {
        if (key == null || key.length == 0) {
            throw new IllegalArgumentException("secret: must not be empty");
        }
        byte[] copy = key.clone();
        return new SigningSecret(copy, copy);
    }

    byte[] standardKey() {
        return standardKey;
    }

    byte[] githubKey() {
        return githubKey;
    }

    @Override
    public String toString() {
        return "SigningSecret[redacted]";
    }
}
