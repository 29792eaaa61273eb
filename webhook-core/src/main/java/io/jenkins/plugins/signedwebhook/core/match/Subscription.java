package io.jenkins.plugins.signedwebhook.core.match;

import io.jenkins.plugins.signedwebhook.core.event.PushEvent;
import io.jenkins.plugins.signedwebhook.core.signature.WebhookSecret;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One listener for one repository: a Jenkins job's trigger or a receiver hook. {@code id} is how the adapter finds its
 * job or hook again (a job's full name, a hook's name). A subscription with no secret never builds.
 */
public record Subscription(
        String id,
        RepositoryName repository,
        RefFilter refs,
        PathFilter paths,
        Set<String> events,
        boolean buildOnDelete,
        List<WebhookSecret> secrets) {

    public static final String PUSH = "push";

    public Subscription {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(repository, "repository");
        Objects.requireNonNull(refs, "refs");
        Objects.requireNonNull(paths, "paths");
        events = events == null || events.isEmpty() ? Set.of(PUSH) : Set.copyOf(events);
        secrets = List.copyOf(secrets);
    }

    /** A push subscription for every branch, no path filter, one secret: the common case. */
    public static Subscription of(String id, String repository, WebhookSecret secret) {
        return new Subscription(id, RepositoryName.require(repository), RefFilter.allBranches(), PathFilter.none(),
                Set.of(PUSH), false, List.of(secret));
    }

    public Subscription withRefs(RefFilter refs) {
        return new Subscription(id, repository, refs, paths, events, buildOnDelete, secrets);
    }

    public Subscription withPaths(PathFilter paths) {
        return new Subscription(id, repository, refs, paths, events, buildOnDelete, secrets);
    }

    public Subscription withBuildOnDelete(boolean buildOnDelete) {
        return new Subscription(id, repository, refs, paths, events, buildOnDelete, secrets);
    }

    public boolean trusts(WebhookSecret secret) {
        return secrets.contains(secret);
    }

    /** Empty when this subscription wants the push; otherwise why not. */
    public Optional<String> refuse(String event, PushEvent push) {
        if (!events.contains(event)) {
            return Optional.of("listens to " + String.join(", ", events.stream().sorted().toList()) + ", not " + event);
        }
        if (push.deleted() && !buildOnDelete) {
            return Optional.of("ref " + push.ref() + " was deleted, and building on deletion is off");
        }
        Optional<String> refRefusal = refs.refuse(push.ref());
        if (refRefusal.isPresent() || push.deleted()) {
            return refRefusal;
        }
        return paths.refuse(push.changedPaths(), push.pathsComplete());
    }
}
