package io.jenkins.plugins.signedwebhook.core.outbound.signing;

import io.jenkins.plugins.signedwebhook.core.signature.Hex;
import io.jenkins.plugins.signedwebhook.core.signature.Hmac;

/** GitHub's {@code X-Hub-Signature-256: sha256=<hex>} over the body, for receivers written for GitHub's scheme. */
public final class GitHubSignature {
    public static final String HEADER = "X-Hub-Signature-256";

    private GitHubSignature() {}

    public static String sign(SigningSecret secret, byte[] body) {
        return "sha256=" + Hex.lower(Hmac.SHA256.compute(secret.githubKey(), body));
    }
}
