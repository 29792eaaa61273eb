package io.jenkins.plugins.signedwebhook;

import io.jenkins.plugins.signedwebhook.core.match.PathFilter;
import io.jenkins.plugins.signedwebhook.core.match.RefFilter;
import io.jenkins.plugins.signedwebhook.core.match.RepositoryName;
import io.jenkins.plugins.signedwebhook.core.match.Subscription;
import io.jenkins.plugins.signedwebhook.core.signature.WebhookSecret;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What a {@link SignedWebhookTrigger} is configured with, as plain values, and how it becomes a core
 * {@link Subscription}. Kept apart from the trigger so it is checked without a running Jenkins.
 */
record TriggerSettings(String repository, String refs, String includePaths, String excludePaths, boolean buildOnDelete) {

    /** The subscription for the job {@code jobFullName}; throws {@link IllegalArgumentException} naming the bad field. */
    Subscription toSubscription(String jobFullName, List<WebhookSecret> secrets) {
        return new Subscription(jobFullName, RepositoryName.require(repository), RefFilter.parse(refs),
                PathFilter.parse(includePaths, excludePaths), Set.of(Subscription.PUSH), buildOnDelete, secrets);
    }

    /** The first configuration problem, in words for the job page; empty when the settings are usable. */
    Optional<String> problem() {
        return checkRepository(repository).or(() -> checkRefs(refs)).or(() -> checkPaths(includePaths, PathFilter.Kind.INCLUDE))
                .or(() -> checkPaths(excludePaths, PathFilter.Kind.EXCLUDE));
    }

    static Optional<String> checkRepository(String value) {
        if (value == null || value.isBlank()) {
            return Optional.of(Messages.TriggerSettings_RepositoryRequired());
        }
        return RepositoryName.parse(value).isPresent()
                ? Optional.empty()
                : Optional.of(Messages.TriggerSettings_NotARepository(value.strip()));
    }

    static Optional<String> checkRefs(String value) {
        return failure(() -> RefFilter.parse(value));
    }

    static Optional<String> checkPaths(String value, PathFilter.Kind kind) {
        return PathFilter.check(kind, value);
    }

    private static Optional<String> failure(Runnable parse) {
        try {
            parse.run();
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
    }
}
