package io.jenkins.plugins.signedwebhook.core.match;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Which changed files make a push worth building: a push passes when at least one changed path matches an include
 * pattern (or there are none) and no exclude pattern. Globs as in {@link Glob}: {@code src/**}, {@code **}{@code /*.md}.
 */
public final class PathFilter {
    private final List<Glob> includes;
    private final List<Glob> excludes;

    private PathFilter(List<Glob> includes, List<Glob> excludes) {
        this.includes = includes;
        this.excludes = excludes;
    }

    public static PathFilter none() {
        return new PathFilter(List.of(), List.of());
    }

    /** Parses include and exclude lists; throws {@link IllegalArgumentException} naming the bad pattern. */
    public static PathFilter parse(String includeSpec, String excludeSpec) {
        return new PathFilter(compile(includeSpec, "include"), compile(excludeSpec, "exclude"));
    }

    private static List<Glob> compile(String spec, String kind) {
        List<Glob> globs = new ArrayList<>();
        for (String token : Patterns.split(spec)) {
            try {
                globs.add(Glob.compile(token));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(kind + " path pattern '" + token + "': " + e.getMessage(), e);
            }
        }
        return List.copyOf(globs);
    }

    public boolean isEmpty() {
        return includes.isEmpty() && excludes.isEmpty();
    }

    /**
     * Empty when the push passes. When {@code complete} is false (GitHub truncated the commit list, or listed no
     * commits) the changed files are not known, and the push passes: a deploy is never dropped on a guess.
     */
    public Optional<String> refuse(Collection<String> changedPaths, boolean complete) {
        if (isEmpty() || !complete) {
            return Optional.empty();
        }
        for (String path : changedPaths) {
            boolean included = includes.isEmpty() || includes.stream().anyMatch(g -> g.matches(path));
            if (included && excludes.stream().noneMatch(g -> g.matches(path))) {
                return Optional.empty();
            }
        }
        return Optional.of("none of the " + changedPaths.size() + " changed paths matches the path filter ("
                + describe() + ")");
    }

    private String describe() {
        List<String> parts = new ArrayList<>();
        if (!includes.isEmpty()) {
            parts.add("include " + String.join(", ", includes.stream().map(Glob::toString).toList()));
        }
        if (!excludes.isEmpty()) {
            parts.add("exclude " + String.join(", ", excludes.stream().map(Glob::toString).toList()));
        }
        return String.join("; ", parts);
    }

    @Override
    public String toString() {
        return isEmpty() ? "(every path)" : describe();
    }
}
