package io.jenkins.plugins.signedwebhook.core.match;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RefFilterTest {

    @Test
    void bareNameMeansABranch() {
        RefFilter f = RefFilter.parse("main");
        assertThat(f.refuse("refs/heads/main")).isEmpty();
        assertThat(f.refuse("refs/tags/main")).isPresent();
        assertThat(f.refuse("refs/heads/main-old")).isPresent();
    }

    @Test
    void emptyMeansEveryBranchButNoTag() {
        RefFilter f = RefFilter.parse("  ");
        assertThat(f.refuse("refs/heads/feature/deep/x")).isEmpty();
        assertThat(f.refuse("refs/tags/v1.0")).hasValueSatisfying(r -> assertThat(r).contains("not a branch"));
    }

    @Test
    void tagsOnlyWhenAskedFor() {
        RefFilter f = RefFilter.parse("refs/tags/v*");
        assertThat(f.refuse("refs/tags/v1.2.0")).isEmpty();
        assertThat(f.refuse("refs/heads/main")).isPresent();
    }

    @Test
    void listsSeparatedByCommasAndSpaces() {
        RefFilter f = RefFilter.parse("main, release/*\n hotfix/**");
        assertThat(f.refuse("refs/heads/release/2.0")).isEmpty();
        assertThat(f.refuse("refs/heads/hotfix/a/b")).isEmpty();
        assertThat(f.refuse("refs/heads/dev")).contains("ref refs/heads/dev does not match main, release/*, hotfix/**");
    }

    @Test
    void exclusionWinsOverInclusion() {
        RefFilter f = RefFilter.parse("release/*, !release/old");
        assertThat(f.refuse("refs/heads/release/new")).isEmpty();
        assertThat(f.refuse("refs/heads/release/old")).contains("ref refs/heads/release/old is excluded by !refs/heads/release/old");
    }

    @Test
    void onlyExclusionsMeansEveryOtherBranch() {
        RefFilter f = RefFilter.parse("!dependabot/**");
        assertThat(f.refuse("refs/heads/main")).isEmpty();
        assertThat(f.refuse("refs/heads/dependabot/npm/lodash")).isPresent();
    }

    @Test
    void unicodeBranchNames() {
        assertThat(RefFilter.parse("feature/*").refuse("refs/heads/feature/ünïcødé-✓")).isEmpty();
    }

    @Test
    void badPatternNamesItself() {
        assertThatThrownBy(() -> RefFilter.parse("main, release//x")).hasMessageContaining("release//x");
        assertThatThrownBy(() -> RefFilter.parse("!")).hasMessageContaining("'!' must be followed");
    }
}
