package io.jenkins.plugins.signedwebhook.core.match;

import java.util.Locale;
import java.util.Optional;

/**
 * A repository as {@code owner/name} (GitLab: {@code group/subgroup/name}, see {@link #parseNested}). Compared
 * case-insensitively, as the forges do. The host is not part of this key, so github.com and GitHub Enterprise URLs of
 * the same owner/name meet in one index entry; a subscription that names a host refuses pushes from any other
 * ({@link Subscription#host()}). The name {@link #ANY} ({@code owner/*}, made only by {@link #parseOwnerWide}) stands
 * for every repository of the owner, as an organization folder listens; a payload's name is always read with
 * {@link #parse} or {@link #parseNested}, which never yield it.
 */
public record RepositoryName(String owner, String name) {
    /** The name of an owner-wide subscription's repository. */
    public static final String ANY = "*";

    /** GitLab nests groups: {@code group/subgroup/project} has the owner {@code group/subgroup}. */
    private static final int MAX_NESTING = 20;

    public RepositoryName {
        if (!(validOwner(owner) || validNestedOwner(owner)) || !(validName(name) || ANY.equals(name))) {
            throw new IllegalArgumentException("not a GitHub repository name: " + owner + "/" + name);
        }
    }

    /** The lower-case {@code owner/name} that subscriptions are indexed by. */
    public String key() {
        return (owner + "/" + name).toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return owner + "/" + name;
    }

    /** True for {@code owner/*}: every repository of the owner. */
    public boolean ownerWide() {
        return ANY.equals(name);
    }

    /** The owner-wide key this repository is also found under ({@code owner/*}, lower case). */
    public String ownerKey() {
        return (owner + "/" + ANY).toLowerCase(Locale.ROOT);
    }

    /**
     * An owner for every repository it has: {@code owner}, {@code owner/*}, or the owner's URL
     * ({@code https://github.com/owner}); a repository name ({@code owner/app}) is refused.
     */
    public static Optional<RepositoryName> parseOwnerWide(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String s = text.strip();
        if (s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        if (s.endsWith("/" + ANY)) {
            s = s.substring(0, s.length() - 2);
        }
        int scheme = s.indexOf("://");
        if (scheme > 0) {
            String rest = s.substring(scheme + 3);
            int slash = rest.indexOf('/');
            s = slash < 0 ? "" : rest.substring(slash + 1);
        }
        return validOwner(s) ? Optional.of(new RepositoryName(s, ANY)) : Optional.empty();
    }

    /**
     * Accepts {@code owner/name}, {@code https://host/owner/name(.git)(/)}, {@code http://…}, {@code git://…},
     * {@code ssh://[user@]host[:port]/owner/name(.git)} and scp-style {@code git@host:owner/name(.git)}, on github.com
     * or any GitHub Enterprise host.
     */
    public static Optional<RepositoryName> parse(String text) {
        return parse(text, false);
    }

    /**
     * Like {@link #parse}, and also a path of nested groups as GitLab has them ({@code group/subgroup/project}, each
     * group a name as for a repository): the owner is everything before the last slash.
     */
    public static Optional<RepositoryName> parseNested(String text) {
        return parse(text, true);
    }

    private static Optional<RepositoryName> parse(String text, boolean nested) {
        if (text == null) {
            return Optional.empty();
        }
        String s = text.strip();
        String path;
        int scheme = s.indexOf("://");
        if (scheme > 0) {
            String rest = s.substring(scheme + 3);
            int slash = rest.indexOf('/');
            if (slash < 0) {
                return Optional.empty();
            }
            path = rest.substring(slash + 1);
        } else if (s.indexOf(':') >= 0) {
            // scp-style git@host:owner/name.git; a bare owner/name never contains ':'.
            int colon = s.indexOf(':');
            if (colon == 0) {
                return Optional.empty();
            }
            path = s.substring(colon + 1);
        } else {
            path = s;
        }
        if (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        if (path.endsWith(".git")) {
            path = path.substring(0, path.length() - 4);
        }
        int slash = path.lastIndexOf('/');
        if (slash <= 0 || !nested && slash != path.indexOf('/')) {
            return Optional.empty();
        }
        String owner = path.substring(0, slash);
        String name = path.substring(slash + 1);
        boolean ownerOk = nested ? validNestedOwner(owner) : validOwner(owner);
        return ownerOk && validName(name) ? Optional.of(new RepositoryName(owner, name)) : Optional.empty();
    }

    /** Like {@link #parse} but with a message that names the accepted forms, for configuration errors. */
    public static RepositoryName require(String text) {
        return parse(text).orElseThrow(() -> new IllegalArgumentException("'" + text
                + "' is not a repository: use owner/name or a GitHub URL such as https://github.com/owner/name.git"));
    }

    private static boolean validOwner(String owner) {
        return owner != null && !owner.isEmpty() && owner.length() <= 100 && owner.chars().allMatch(RepositoryName::ownerChar);
    }

    private static boolean validNestedOwner(String owner) {
        if (owner == null || owner.length() > 255) {
            return false;
        }
        String[] groups = owner.split("/", -1);
        if (groups.length > MAX_NESTING) {
            return false;
        }
        for (String group : groups) {
            if (!validName(group)) {
                return false;
            }
        }
        return true;
    }

    private static boolean validName(String name) {
        return name != null && !name.isEmpty() && name.length() <= 100 && !name.equals(".") && !name.equals("..")
                && name.chars().allMatch(c -> ownerChar(c) || c == '.');
    }

    private static boolean ownerChar(int c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_';
    }
}
