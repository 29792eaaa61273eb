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

    /** The two lists of patterns, as an adapter names its fields after them. */
    public enum Kind {
        INCLUDE,
        EXCLUDE;

        String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** A pattern that is not a valid glob, with the list it is in, so that an adapter can name its own field. */
    public static final class InvalidPattern extends IllegalArgumentException {
        private final Kind kind;

        InvalidPattern(Kind kind, String pattern, IllegalArgumentException cause) {
            super(kind.label() + " path pattern '" + pattern + "': " + cause.getMessage(), cause);
            this.kind = kind;
        }

        public Kind kind() {
            return kind;
        }
    }

    /** Parses include and exclude lists; throws {@link InvalidPattern} naming the bad pattern and its list. */
    public static PathFilter parse(String includeSpec, String excludeSpec) {
        return new PathFilter(compile(includeSpec, Kind.INCLUDE), compile(excludeSpec, Kind.EXCLUDE));
    }

    /** Why one list alone is not valid, as {@link #parse} would say, or empty: for a form field of its own. */
    public static Optional<String> check(Kind kind, String spec) {
        try {
            compile(spec, kind);
            return Optional.empty();
        } catch (InvalidPattern e) {
            return Optional.of(e.getMessage());
        }
    }

    private static List<Glob> compile(String spec, Kind kind) {
        List<Glob> globs = new ArrayList<>();
        for (String token : Patterns.split(spec)) {
            try {
                globs.add(Glob.compile(token));
            } catch (IllegalArgumentException e) {
                throw new InvalidPattern(kind, token, e);
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
