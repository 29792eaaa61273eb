package io.jenkins.plugins.signedwebhook;

import io.jenkins.plugins.signedwebhook.core.outbound.policy.UrlPolicy;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The administrator's allow-list of private callback hosts, as typed in the global configuration. */
final class CallbackHosts {
    private CallbackHosts() {}

    static List<String> entries(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        return Arrays.stream(text.strip().split("[,\\s]+")).filter(s -> !s.isEmpty()).toList();
    }

    static UrlPolicy policy(String text) {
        return UrlPolicy.allowing(entries(text));
    }

    /** Why the list is not usable, or empty when it is. */
    static Optional<String> problem(String text) {
        try {
            policy(text);
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of(Messages.CallbackHosts_Problem(e.getMessage()));
        }
    }
}
