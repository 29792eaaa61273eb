package io.jenkins.plugins.signedwebhook.core.forge;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The forge a delivery came from and a subscription trusts. A subscription of one forge never matches a delivery of
 * another, even for the same {@code owner/name} and secret: each forge signs its own way.
 */
public enum Forge {
    GITHUB("github", "GitHub"),
    GITEA("gitea", "Gitea"),
    FORGEJO("forgejo", "Forgejo"),
    GITLAB("gitlab", "GitLab"),
    BITBUCKET("bitbucket", "Bitbucket Cloud");

    private final String id;
    private final String displayName;

    Forge(String id, String displayName) {
        this.id = id;
        this.displayName = displayName;
    }

    /** The lower-case word used in configuration and in {@code WEBHOOK_FORGE}. */
    public String id() {
        return id;
    }

    public String displayName() {
        return displayName;
    }

    /** The forge with this id, in any case; empty for anything else. */
    public static Optional<Forge> named(String id) {
        if (id == null) {
            return Optional.empty();
        }
        String wanted = id.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(f -> f.id.equals(wanted)).findFirst();
    }

    /** Like {@link #named} but with a message naming the accepted ids, for configuration errors. */
    public static Forge require(String id) {
        return named(id).orElseThrow(() -> new IllegalArgumentException("'" + id + "' is not a forge; use one of " + ids()));
    }

    /** The accepted ids, comma-separated, for messages. */
    public static String ids() {
        return Arrays.stream(values()).map(Forge::id).collect(Collectors.joining(", "));
    }
}
