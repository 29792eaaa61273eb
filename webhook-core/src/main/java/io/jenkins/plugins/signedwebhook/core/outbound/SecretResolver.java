package io.jenkins.plugins.signedwebhook.core.outbound;

import io.jenkins.plugins.signedwebhook.core.outbound.signing.SigningSecret;
import java.util.List;
import java.util.Optional;

/**
 * Finds the signing secrets for a reference (a Jenkins credentials id, a receiver secret name) at send time, so
 * that messages and the outbox hold only the reference. Several secrets mean a rotation: all sign the message.
 */
@FunctionalInterface
public interface SecretResolver {

    /** The secrets, first the current one; empty when the reference does not resolve (now). */
    Optional<List<SigningSecret>> resolve(String reference);

    /** For messages that are never signed. */
    static SecretResolver none() {
        return reference -> Optional.empty();
    }
}
