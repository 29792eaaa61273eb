package io.jenkins.plugins.signedwebhook.core.outbound.signing;

import io.jenkins.plugins.signedwebhook.core.signature.Hmac;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

/**
 * Checks a Standard Webhooks message: the timestamp within ±5 minutes of the clock and one {@code v1} signature
 * matching one of the secrets, compared in constant time.
 *
 * <pre>{@code
 * var verifier = new StandardWebhooksVerifier(List.of(SigningSecret.of("whsec_...")), Clock.systemUTC());
 * if (verifier.verify(id, timestamp, signature, body).verified()) { ... }
 * }</pre>
 */
public final class StandardWebhooksVerifier {
    public static final Duration TOLERANCE = Duration.ofMinutes(5);
    private static final int MAX_TIMESTAMP_DIGITS = 18;

    private final List<SigningSecret> secrets;
    private final Clock clock;

    public StandardWebhooksVerifier(List<SigningSecret> secrets, Clock clock) {
        if (secrets.isEmpty()) {
            throw new IllegalArgumentException("secrets: at least one secret is needed to verify");
        }
        this.secrets = List.copyOf(secrets);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Header values as received (any may be null when the header was absent) and the raw body. */
    public Verification verify(String webhookId, String webhookTimestamp, String webhookSignature, byte[] body) {
        Objects.requireNonNull(body, "body");
        if (webhookId == null || webhookTimestamp == null || webhookSignature == null) {
            return new Verification.Rejected(Verification.Reason.MISSING_HEADER);
        }
        if (!isDecimal(webhookTimestamp)) {
            return new Verification.Rejected(Verification.Reason.MALFORMED_TIMESTAMP);
        }
        long timestamp = Long.parseLong(webhookTimestamp);
        long now = clock.instant().getEpochSecond();
        if (now - timestamp > TOLERANCE.toSeconds()) {
            return new Verification.Rejected(Verification.Reason.TIMESTAMP_TOO_OLD);
        }
        if (timestamp - now > TOLERANCE.toSeconds()) {
            return new Verification.Rejected(Verification.Reason.TIMESTAMP_IN_FUTURE);
        }
        for (SigningSecret secret : secrets) {
            byte[] expected = StandardWebhooks.mac(secret, webhookId, webhookTimestamp, body);
            for (String candidate : webhookSignature.split(" ")) {
                if (candidate.startsWith(StandardWebhooks.VERSION_PREFIX)
                        && Hmac.constantTimeEquals(expected, decode(candidate.substring(StandardWebhooks.VERSION_PREFIX.length())))) {
                    return new Verification.Verified(webhookId);
                }
            }
        }
        return new Verification.Rejected(Verification.Reason.NO_MATCHING_SIGNATURE);
    }

    private static boolean isDecimal(String text) {
        if (text.isEmpty() || text.length() > MAX_TIMESTAMP_DIGITS) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    private static byte[] decode(String base64) {
        try {
            return Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            return new byte[0];
        }
    }

    @Override
    public String toString() {
        return "StandardWebhooksVerifier[" + secrets.size() + " secret(s)]";
    }
}
