package io.jenkins.plugins.signedwebhook.core.match;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class GlobTest {

    @Test
    void singleStarStaysWithinOneSegment() {
        Glob g = Glob.compile("release/*");
        assertThat(g.matches("release/1.0")).isTrue();
        assertThat(g.matches("release/1.0/hotfix")).isFalse();
        assertThat(g.matches("release")).isFalse();
    }

    @Test
    void doubleStarCrossesSegments() {
        Glob g = Glob.compile("src/**/*.java");
        assertThat(g.matches("src/App.java")).isTrue();
        assertThat(g.matches("src/main/java/App.java")).isTrue();
        assertThat(g.matches("test/App.java")).isFalse();
    }

    @Test
    void trailingSlashMeansEverythingBelow() {
        assertThat(Glob.compile("docs/").matches("docs/guide/intro.md")).isTrue();
        assertThat(Glob.compile("docs/").matches("src/docs.md")).isFalse();
    }

    @Test
    void matchesUnicodeLiterally() {
        assertThat(Glob.compile("feature/ünï*").matches("feature/ünïcødé-✓")).isTrue();
    }

    @Test
    void refusesMalformedPatternsWithTheReason() {
        assertThatThrownBy(() -> Glob.compile("a//b")).hasMessageContaining("empty segment");
        assertThatThrownBy(() -> Glob.compile("a/b**")).hasMessageContaining("whole segment");
        assertThatThrownBy(() -> Glob.compile("a b")).hasMessageContaining("space");
    }

    @Test
    void hostilePatternAndInputFinishQuickly() {
        // A backtracking regex takes exponential time here; the iterative matcher is at most quadratic.
        Glob g = Glob.compile("**/" + "*a".repeat(30) + "b");
        assertThat(g.matches("x/".repeat(50) + "a".repeat(5_000))).isFalse();
    }

    @Property(tries = 2000)
    void agreesWithARegexReference(@ForAll("patterns") String pattern, @ForAll("paths") String path) {
        assertThat(Glob.compile(pattern).matches(path)).as("%s ~ %s", pattern, path).isEqualTo(reference(pattern, path));
    }

    /**
     * The plain definition as a regular expression: {@code *} is {@code [^/]*}, a {@code **} segment is zero or more
     * whole segments (two in a row are one).
     */
    private static boolean reference(String pattern, String path) {
        java.util.List<String> segs = new java.util.ArrayList<>();
        for (String seg : pattern.split("/", -1)) {
            if (!(seg.equals("**") && !segs.isEmpty() && segs.get(segs.size() - 1).equals("**"))) {
                segs.add(seg);
            }
        }
        StringBuilder re = new StringBuilder();
        for (int i = 0; i < segs.size(); i++) {
            boolean last = i == segs.size() - 1;
            String seg = segs.get(i);
            if (seg.equals("**")) {
                if (!last) {
                    re.append("(?:[^/]*/)*");
                } else if (i == 0) {
                    re.append(".*");
                } else {
                    re.setLength(re.length() - 1);
                    re.append("(?:/[^/]*)*");
                }
            } else {
                for (char c : seg.toCharArray()) {
                    re.append(c == '*' ? "[^/]*" : Pattern.quote(String.valueOf(c)));
                }
                if (!last) {
                    re.append('/');
                }
            }
        }
        return Pattern.compile(re.toString()).matcher(path).matches();
    }

    @Provide
    Arbitrary<String> patterns() {
        Arbitrary<String> segment = Arbitraries.oneOf(
                Arbitraries.of("**", "*", "a*", "*b", "a*b", "ab", "a", "b", "*a*"),
                Arbitraries.strings().withChars("ab*").ofMinLength(1).ofMaxLength(4).filter(s -> !s.contains("**")));
        return segment.list().ofMinSize(1).ofMaxSize(4).map(l -> String.join("/", l));
    }

    @Provide
    Arbitrary<String> paths() {
        return Arbitraries.strings().withChars("ab").ofMinLength(0).ofMaxLength(3).list().ofMinSize(1).ofMaxSize(5)
                .map(l -> String.join("/", l));
    }
}
