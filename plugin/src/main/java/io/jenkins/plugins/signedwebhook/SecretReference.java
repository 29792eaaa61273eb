package io.jenkins.plugins.signedwebhook;

import java.util.Optional;

/**
 * What the outbox stores instead of the secret: the credentials id and the build it is looked up for, so that the
 * drain can resolve it at send time, with usage tracked against that build.
 */
record SecretReference(String credentialsId, String runId) {
    private static final String SEPARATOR = " of run ";

    String encode() {
        return credentialsId + SEPARATOR + runId;
    }

    static Optional<SecretReference> decode(String reference) {
        int at = reference == null ? -1 : reference.lastIndexOf(SEPARATOR);
        if (at <= 0 || at + SEPARATOR.length() >= reference.length()) {
            return Optional.empty();
        }
        return Optional.of(new SecretReference(reference.substring(0, at), reference.substring(at + SEPARATOR.length())));
    }
}
