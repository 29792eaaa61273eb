package io.jenkins.plugins.signedwebhook.core.match;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which refs a subscription builds. Patterns are separated by commas or white space; {@code main} means
 * {@code refs/heads/main}, a pattern starting with {@code refs/} is taken as is ({@code refs/tags/v*} for tags),
 * {@code !pattern} excludes, and no include pattern means every branch (never tags).
 */
public final class RefFilter {
    private static final String BRANCHES = "refs/heads/";
    private static final Glob ALL_BRANCHES = Glob.compile("refs/heads/**");
    private final String spec;
    private final List<Glob> includes;
    private final List<Glob> excludes;

    private RefFilter(String spec, List<Glob> includes, List<Glob> excludes) {
        this.spec = spec;
        this.includes = includes;
        this.excludes = excludes;
    }

    public static RefFilter allBranches() {
        return parse("");
    }

    /** Parses a ref specification; throws {@link IllegalArgumentException} naming the bad pattern. */
    public static RefFilter parse(String spec) {
        String text = spec == null ? "" : spec.strip();
        List<Glob> includes = new ArrayList<>();
        List<Glob> excludes = new ArrayList<>();
        for (String token : Patterns.split(text)) {
            boolean exclude = token.startsWith("!");
            String pattern = exclude ? token.substring(1) : token;
            if (pattern.isEmpty()) {
                throw new IllegalArgumentException("'!' must be followed by a ref pattern, as in !release/*");
            }
            Glob glob;
            try {
                glob = Glob.compile(pattern.startsWith("refs/") ? pattern : BRANCHES + pattern);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("ref pattern '" + token + "': " + e.getMessage(), e);
            }
            (exclude ? excludes : includes).add(glob);
        }
        return new RefFilter(text, List.copyOf(includes), List.copyOf(excludes));
    }

    /** Empty when the ref is built; otherwise why not, in words a user can act on. */
    public Optional<String> refuse(String ref) {
        boolean included = includes.isEmpty() ? ALL_BRANCHES.matches(ref) : includes.stream().anyMatch(g -> g.matches(ref));
        if (!included) {
            return Optional.of(includes.isEmpty()
                    ? "ref " + ref + " is not a branch, and no ref pattern asks for it"
                    : "ref " + ref + " does not match " + describeIncludes());
        }
        return excludes.stream()
                .filter(g -> g.matches(ref))
                .findFirst()
                .map(g -> "ref " + ref + " is excluded by !" + g);
    }

    private String describeIncludes() {
        List<String> shown = includes.stream().map(RefFilter::shortName).toList();
        return String.join(", ", shown);
    }

    private static String shortName(Glob glob) {
        String text = glob.toString();
        return text.startsWith(BRANCHES) ? text.substring(BRANCHES.length()) : text;
    }

    /** The specification as the user wrote it; empty means every branch. */
    public String spec() {
        return spec;
    }

    @Override
    public String toString() {
        return spec.isEmpty() ? "(every branch)" : spec;
    }
}
