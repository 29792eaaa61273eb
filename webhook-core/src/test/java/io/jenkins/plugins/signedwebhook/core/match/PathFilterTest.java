package io.jenkins.plugins.signedwebhook.core.match;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class PathFilterTest {

    @Test
    void passesWhenOneChangedFileIsIncluded() {
        PathFilter f = PathFilter.parse("src/**", "");
        assertThat(f.refuse(List.of("docs/README.md", "src/main/App.java"), true)).isEmpty();
    }

    @Test
    void refusesWhenEveryChangedFileIsExcluded() {
        PathFilter f = PathFilter.parse("", "**/*.md, docs/");
        assertThat(f.refuse(List.of("README.md", "docs/guide.txt"), true))
                .hasValueSatisfying(r -> assertThat(r).contains("none of the 2 changed paths").contains("exclude"));
    }

    @Test
    void excludeAppliesWithinIncludes() {
        PathFilter f = PathFilter.parse("src/**", "src/**/*Test.java");
        assertThat(f.refuse(List.of("src/AppTest.java"), true)).isPresent();
        assertThat(f.refuse(List.of("src/AppTest.java", "src/App.java"), true)).isEmpty();
    }

    @Test
    void unknownChangedFilesNeverDropADeploy() {
        PathFilter f = PathFilter.parse("src/**", "");
        assertThat(f.refuse(List.of("docs/README.md"), false)).isEmpty();
    }

    @Test
    void noFilterPassesEverything() {
        assertThat(PathFilter.none().refuse(List.of(), true)).isEmpty();
    }

    @Test
    void aBadPatternIsReportedWithTheListItIsIn() {
        assertThatThrownBy(() -> PathFilter.parse("src/**", "docs**"))
                .isInstanceOfSatisfying(PathFilter.InvalidPattern.class, e -> assertThat(e.kind()).isEqualTo(PathFilter.Kind.EXCLUDE))
                .hasMessageStartingWith("exclude path pattern 'docs**'");
        assertThatThrownBy(() -> PathFilter.parse("src//x", "docs**"))
                .isInstanceOfSatisfying(PathFilter.InvalidPattern.class, e -> assertThat(e.kind()).isEqualTo(PathFilter.Kind.INCLUDE));
    }

    @Test
    void checksOneListAlone() {
        assertThat(PathFilter.check(PathFilter.Kind.INCLUDE, "src/**")).isEmpty();
        assertThat(PathFilter.check(PathFilter.Kind.INCLUDE, "src//x")).get().asString().startsWith("include path pattern 'src//x'");
    }
}
