package io.jenkins.plugins.signedwebhook.core.signature;

import java.util.Optional;

/** What a delivery's signature headers say, before any HMAC is computed. */
public sealed interface SignatureHeader {
    String SHA256_HEADER = "X-Hub-Signature-256";
    String SHA1_HEADER = "X-Hub-Signature";

    /** A well-formed signature: the algorithm and the digest it claims. */
    record Present(Hmac algorithm, byte[] digest) implements SignatureHeader {}

    /** No header that could carry a signature was sent. */
    record Missing(String reason) implements SignatureHeader {}

    /** A header was sent but cannot be a signature, or names an algorithm that is refused. */
    record Malformed(String reason) implements SignatureHeader {}

    /**
     * Reads {@code X-Hub-Signature-256} ({@code sha256=} and 64 hex digits, either case). The SHA-1 header is used only
     * when {@code acceptSha1} is set and no SHA-256 header was sent.
     */
    static SignatureHeader parse(String sha256Header, String sha1Header, boolean acceptSha1) {
        if (sha256Header != null) {
            return parse(sha256Header.strip(), "sha256=", Hmac.SHA256, 32, SHA256_HEADER);
        }
        if (sha1Header != null) {
            if (!acceptSha1) {
                return new Malformed(SHA1_HEADER + " (SHA-1) is not accepted; GitHub also sends " + SHA256_HEADER
                        + ", which a proxy in between may have removed");
            }
            return parse(sha1Header.strip(), "sha1=", Hmac.SHA1, 20, SHA1_HEADER);
        }
        return new Missing("no " + SHA256_HEADER + " header; set a secret on the webhook in GitHub");
    }

    /**
     * A hex HMAC-SHA256 in {@code header} after {@code prefix} (empty for Gitea's bare hex, {@code sha256=} for
     * Bitbucket's); {@code setUp} says where the sender's secret is set, for the missing case.
     */
    static SignatureHeader sha256(String value, String prefix, String header, String setUp) {
        if (value == null) {
            return new Missing("no " + header + " header; " + setUp);
        }
        return parse(value.strip(), prefix, Hmac.SHA256, 32, header);
    }

    private static SignatureHeader parse(String value, String prefix, Hmac algorithm, int bytes, String header) {
        if (!value.regionMatches(true, 0, prefix, 0, prefix.length())) {
            return new Malformed(header + " must start with '" + prefix + "'");
        }
        Optional<byte[]> digest = Hex.decode(value.substring(prefix.length()), bytes);
        String shape = prefix.isEmpty() ? (bytes * 2) + " hex digits" : "'" + prefix + "' followed by " + (bytes * 2) + " hex digits";
        return digest.<SignatureHeader>map(d -> new Present(algorithm, d))
                .orElseGet(() -> new Malformed(header + " must be " + shape));
    }
}
