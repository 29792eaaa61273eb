package io.jenkins.plugins.signedwebhook;

import io.jenkins.plugins.signedwebhook.core.forge.Forge;
import io.jenkins.plugins.signedwebhook.core.match.PathFilter;
import io.jenkins.plugins.signedwebhook.core.match.RefFilter;
import io.jenkins.plugins.signedwebhook.core.match.RepositoryName;
import io.jenkins.plugins.signedwebhook.core.match.Subscription;
import io.jenkins.plugins.signedwebhook.core.signature.WebhookSecret;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * What a signed webhook trigger is configured with, as plain values, and how it becomes a core {@link Subscription}.
 * Kept apart from the trigger so it is checked without a running Jenkins.
 *
 * @param ownerWide {@code repository} names an owner, for every repository of it (an organization folder's trigger)
 * @param forge a {@link Forge#id()}
 * @param host empty for any host of the forge
 */
record TriggerSettings(String repository, String refs, String includePaths, String excludePaths, boolean buildOnDelete,
        boolean ownerWide, String forge, String host, boolean tokenOnly) {

    /** A job's or a Multibranch Pipeline's settings: one GitHub repository, any host. */
    TriggerSettings(String repository, String refs, String includePaths, String excludePaths, boolean buildOnDelete) {
        this(repository, refs, includePaths, excludePaths, buildOnDelete, false);
    }

    /** GitHub's, any host. */
    TriggerSettings(String repository, String refs, String includePaths, String excludePaths, boolean buildOnDelete,
            boolean ownerWide) {
        this(repository, refs, includePaths, excludePaths, buildOnDelete, ownerWide, Forge.GITHUB.id(), "", false);
    }

    /** The subscription for the item {@code fullName}; throws {@link IllegalArgumentException} naming the bad field. */
    Subscription toSubscription(String fullName, List<WebhookSecret> secrets) {
        Forge trusted = Forge.require(forge);
        RepositoryName name = ownerWide
                ? RepositoryName.parseOwnerWide(repository).orElseThrow(() -> new IllegalArgumentException(checkOwner(repository).orElseThrow()))
                : Subscription.repositoryOf(trusted, repository).orElseThrow(
                        () -> new IllegalArgumentException(Messages.TriggerSettings_NotARepository(repository)));
        return new Subscription(fullName, name, RefFilter.parse(refs), PathFilter.parse(includePaths, excludePaths),
                Set.of(Subscription.PUSH), buildOnDelete, secrets, trusted, host, tokenOnly);
    }

    /** The first configuration problem, in words for the job page; empty when the settings are usable. */
    Optional<String> problem() {
        return checkForge(forge).or(() -> ownerWide ? checkOwner(repository) : checkRepository(repository, forge))
                .or(() -> checkHost(host)).or(() -> checkTokenOnly(tokenOnly, forge)).or(() -> checkRefs(refs))
                .or(() -> checkPaths(includePaths, PathFilter.Kind.INCLUDE)).or(() -> checkPaths(excludePaths, PathFilter.Kind.EXCLUDE));
    }

    static Optional<String> checkOwner(String value) {
        return checkName(value, RepositoryName::parseOwnerWide, Messages.TriggerSettings_OwnerRequired(), Messages::TriggerSettings_NotAnOwner);
    }

    static Optional<String> checkRepository(String value) {
        return checkRepository(value, Forge.GITHUB.id());
    }

    /** The repository as the forge names it: GitLab nests groups, the others take owner/name. */
    static Optional<String> checkRepository(String value, String forge) {
        Forge named = Forge.named(forge).orElse(Forge.GITHUB);
        return checkName(value, text -> Subscription.repositoryOf(named, text), Messages.TriggerSettings_RepositoryRequired(),
                Messages::TriggerSettings_NotARepository);
    }

    private static Optional<String> checkName(String value, Function<String, Optional<RepositoryName>> parse, String required,
            Function<Object, String> notOne) {
        if (value == null || value.isBlank()) {
            return Optional.of(required);
        }
        return parse.apply(value).isPresent() ? Optional.empty() : Optional.of(notOne.apply(value.strip()));
    }

    static Optional<String> checkForge(String value) {
        return Forge.named(value).isPresent() ? Optional.empty() : Optional.of(Messages.TriggerSettings_NotAForge(value, Forge.ids()));
    }

    static Optional<String> checkHost(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Subscription.checkHost(value);
    }

    /** A warning for an empty host: then owner/name on any host of the forge is this repository. */
    static Optional<String> hostAdvice(String host, String forge) {
        return host == null || host.isBlank()
                ? Optional.of(Messages.TriggerSettings_AnyHost(Forge.named(forge).orElse(Forge.GITHUB).displayName()))
                : Optional.empty();
    }

    static Optional<String> checkTokenOnly(boolean tokenOnly, String forge) {
        return tokenOnly && Forge.named(forge).orElse(Forge.GITHUB) != Forge.GITLAB
                ? Optional.of(Messages.TriggerSettings_TokenOnlyIsGitLab())
                : Optional.empty();
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
