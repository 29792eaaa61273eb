package io.jenkins.plugins.signedwebhook.core.outbound.signing;

/** The outcome of checking a Standard Webhooks message. */
public sealed interface Verification {

    /** True only for {@link Verified}. */
    boolean verified();

    /** The signature matched one of the secrets and the timestamp is within tolerance. */
    record Verified(String webhookId) implements Verification {
        @Override
        public boolean verified() {
            return true;
        }
    }

    /** The message must not be trusted, for {@code reason}. */
    record Rejected(Reason reason) implements Verification {
        @Override
        public boolean verified() {
            return false;
        }
    }

    enum Reason {
        MISSING_HEADER,
        MALFORMED_TIMESTAMP,
        TIMESTAMP_TOO_OLD,
        TIMESTAMP_IN_FUTURE,
        NO_MATCHING_SIGNATURE
    }
}
