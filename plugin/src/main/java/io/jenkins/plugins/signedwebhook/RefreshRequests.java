package io.jenkins.plugins.signedwebhook;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Credential saves waiting for their refresh, as scopes (a folder's full name, {@link SubscriptionBook#EVERY_JOB}).
 * Saves in a burst (a Configuration as Code import, a script adding many credentials) join one pending refresh.
 */
final class RefreshRequests {
    private final Set<String> scopes = new LinkedHashSet<>();
    private boolean pending;

    /** Notes the scope; true when no refresh is pending yet, so the caller schedules one. */
    synchronized boolean add(String scope) {
        scopes.add(scope);
        if (pending) {
            return false;
        }
        pending = true;
        return true;
    }

    /** The scopes asked for since the last take; a save after this schedules a new refresh. */
    synchronized Set<String> take() {
        pending = false;
        Set<String> taken = Set.copyOf(scopes);
        scopes.clear();
        return taken;
    }
}
