package io.jenkins.plugins.signedwebhook.core.match;

import io.jenkins.plugins.signedwebhook.core.event.PushEvent;
import io.jenkins.plugins.signedwebhook.core.forge.Forge;
import io.jenkins.plugins.signedwebhook.core.signature.WebhookSecret;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One listener for one repository: a Jenkins job's trigger or a receiver hook. {@code id} is how the adapter finds its
 * job or hook again (a job's full name, a hook's name). A subscription with no secret never builds.
 *
 * @param forge the only forge whose deliveries this subscription considers
 * @param host the only host (lower case, with a port when one is given) whose pushes it builds; null for any host
 *     of its forge
 * @param tokenOnly whether a GitLab delivery proven only by {@code X-Gitlab-Token} (the secret itself, sent with
 *     every request, no signature over the body) is accepted
 */
public record Subscription(
        String id,
        RepositoryName repository,
        RefFilter refs,
        PathFilter paths,
        Set<String> events,
        boolean buildOnDelete,
        List<WebhookSecret> secrets,
        Forge forge,
        String host,
        boolean tokenOnly) {

    public static final String PUSH = "push";
    private static final int MAX_HOST_LENGTH = 253;

    public Subscription {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(repository, "repository");
        Objects.requireNonNull(refs, "refs");
        Objects.requireNonNull(paths, "paths");
        events = events == null || events.isEmpty() ? Set.of(PUSH) : Set.copyOf(events);
        secrets = List.copyOf(secrets);
        forge = forge == null ? Forge.GITHUB : forge;
        host = host == null || host.isBlank() ? null : requireHost(host);
        if (tokenOnly && forge != Forge.GITLAB) {
            throw new IllegalArgumentException("token only is a GitLab setting; " + forge.displayName() + " signs every delivery");
        }
    }

    /** A GitHub subscription for any host. */
    public Subscription(String id, RepositoryName repository, RefFilter refs, PathFilter paths, Set<String> events,
            boolean buildOnDelete, List<WebhookSecret> secrets) {
        this(id, repository, refs, paths, events, buildOnDelete, secrets, Forge.GITHUB, null, false);
    }

    /** The host as compared, or why it cannot be one: a DNS name or address, optionally {@code :port}, no scheme or path. */
    public static Optional<String> checkHost(String host) {
        try {
            requireHost(host);
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
    }

    private static String requireHost(String host) {
        String h = host.strip().toLowerCase(Locale.ROOT);
        boolean ok = !h.isEmpty() && h.length() <= MAX_HOST_LENGTH && h.chars().allMatch(c -> c >= 'a' && c <= 'z'
                || c >= '0' && c <= '9' || c == '.' || c == '-' || c == ':' || c == '[' || c == ']');
        if (!ok) {
            throw new IllegalArgumentException("'" + host.strip() + "' is not a host: write it as git.example.com or "
                    + "git.example.com:3000, without https:// or a path");
        }
        return h;
    }

    /** The repository name as this subscription's forge writes it (GitLab nests groups). */
    public static Optional<RepositoryName> repositoryOf(Forge forge, String text) {
        return forge == Forge.GITLAB ? RepositoryName.parseNested(text) : RepositoryName.parse(text);
    }

    public Subscription withForge(Forge forge) {
        return new Subscription(id, repository, refs, paths, events, buildOnDelete, secrets, forge, host, tokenOnly);
    }

    public Subscription withHost(String host) {
        return new Subscription(id, repository, refs, paths, events, buildOnDelete, secrets, forge, host, tokenOnly);
    }

    public Subscription withTokenOnly(boolean tokenOnly) {
        return new Subscription(id, repository, refs, paths, events, buildOnDelete, secrets, forge, host, tokenOnly);
    }

    /** A push subscription for every branch, no path filter, one secret: the common case. */
    public static Subscription of(String id, String repository, WebhookSecret secret) {
        return new Subscription(id, RepositoryName.require(repository), RefFilter.allBranches(), PathFilter.none(),
                Set.of(PUSH), false, List.of(secret));
    }

    public Subscription withRefs(RefFilter refs) {
        return new Subscription(id, repository, refs, paths, events, buildOnDelete, secrets, forge, host, tokenOnly);
    }

    public Subscription withPaths(PathFilter paths) {
        return new Subscription(id, repository, refs, paths, events, buildOnDelete, secrets, forge, host, tokenOnly);
    }

    public Subscription withBuildOnDelete(boolean buildOnDelete) {
        return new Subscription(id, repository, refs, paths, events, buildOnDelete, secrets, forge, host, tokenOnly);
    }

    /** A configured host without a port matches that host on any port. */
    private boolean sameHost(String pushed) {
        if (host.indexOf(':') >= 0 && !host.startsWith("[")) {
            return host.equals(pushed);
        }
        int colon = pushed.lastIndexOf(':');
        String bare = colon > 0 && !pushed.endsWith("]") ? pushed.substring(0, colon) : pushed;
        return host.equals(pushed) || host.equals(bare);
    }

    public boolean trusts(WebhookSecret secret) {
        return secrets.contains(secret);
    }

    /** Empty when this subscription wants the push; otherwise why not. */
    public Optional<String> refuse(String event, PushEvent push) {
        if (host != null) {
            Optional<String> pushedFrom = push.repository().host();
            if (!pushedFrom.map(this::sameHost).orElse(false)) {
                return Optional.of("listens to " + repository + " on " + host + ", not on "
                        + pushedFrom.orElse("an unnamed host") + " (same name, another repository)");
            }
        }
        Optional<String> refRefusal = refuseRef(event, push.ref(), push.deleted());
        if (refRefusal.isPresent() || push.deleted()) {
            return refRefusal;
        }
        return paths.refuse(push.changedPaths(), push.pathsComplete());
    }

    /**
     * What {@link #refuse} answers for a push of {@code ref}, when the ref alone decides it: empty when the push may
     * match, or when the rest of it (the host it came from, its paths) must be read to tell.
     */
    public Optional<String> refuseByRef(String event, String ref, boolean deleted) {
        return host == null ? refuseRef(event, ref, deleted) : Optional.empty();
    }

    private Optional<String> refuseRef(String event, String ref, boolean deleted) {
        if (!events.contains(event)) {
            return Optional.of("listens to " + String.join(", ", events.stream().sorted().toList()) + ", not " + event);
        }
        if (deleted && !buildOnDelete) {
            return Optional.of("ref " + ref + " was deleted, and building on deletion is off");
        }
        return refs.refuse(ref);
    }
}
