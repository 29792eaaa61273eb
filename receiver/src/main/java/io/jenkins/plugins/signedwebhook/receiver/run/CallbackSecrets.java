package io.jenkins.plugins.signedwebhook.receiver.run;

import io.jenkins.plugins.signedwebhook.core.outbound.SecretResolver;
import io.jenkins.plugins.signedwebhook.core.outbound.signing.SigningSecret;
import io.jenkins.plugins.signedwebhook.receiver.config.ReceiverConfig;
import java.util.List;
import java.util.Optional;

/**
 * The secrets of the receiver's callback targets, named {@code hook#index} in stored messages and resolved at send,
 * from the configuration alone: the dispatcher needs them before the drain that {@link Callbacks} submits to exists.
 */
public final class CallbackSecrets implements SecretResolver {
    private final ReceiverConfig config;

    public CallbackSecrets(ReceiverConfig config) {
        this.config = config;
    }

    /** The reference a message of {@code hookId}'s target {@code index} names its secret by. */
    static String reference(String hookId, int index) {
        return hookId + "#" + index;
    }

    @Override
    public Optional<List<SigningSecret>> resolve(String reference) {
        int hash = reference.lastIndexOf('#');
        if (hash < 0) {
            return Optional.empty();
        }
        String hook = reference.substring(0, hash);
        int index;
        try {
            index = Integer.parseInt(reference.substring(hash + 1));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        return config.hook(hook)
                .filter(h -> index >= 0 && index < h.callbacks().size())
                .map(h -> h.callbacks().get(index).secrets())
                .filter(s -> !s.isEmpty());
    }
}
