package io.jenkins.plugins.signedwebhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.signedwebhook.core.match.PathFilter;
import io.jenkins.plugins.signedwebhook.core.match.Subscription;
import io.jenkins.plugins.signedwebhook.core.signature.WebhookSecret;
import java.util.List;
import org.junit.jupiter.api.Test;

class TriggerSettingsTest {

    @Test
    void becomesASubscriptionKeyedByTheJobsFullName() {
        Subscription s = new TriggerSettings("git@github.com:Octo-Org/App.git", "main, release/*", "src/**", "**/*.md", true)
                .toSubscription("folder/app", List.of(WebhookSecret.of("id", "secret")));
        assertThat(s.id()).isEqualTo("folder/app");
        assertThat(s.repository().key()).isEqualTo("octo-org/app");
        assertThat(s.refs().refuse("refs/heads/release/2")).isEmpty();
        assertThat(s.refs().refuse("refs/heads/dev")).isPresent();
        assertThat(s.buildOnDelete()).isTrue();
    }

    @Test
    void namesTheFirstBadField() {
        assertThat(new TriggerSettings("", "", "", "", false).problem()).get().asString().contains("owner/name");
        assertThat(new TriggerSettings("app", "", "", "", false).problem()).get().asString().contains("'app' is not a repository");
        assertThat(new TriggerSettings("o/a", "main, a//b", "", "", false).problem()).get().asString().contains("a//b");
        assertThat(new TriggerSettings("o/a", "", "src/**x", "", false).problem()).get().asString().contains("include");
        assertThat(new TriggerSettings("o/a", "", "", "docs//x", false).problem()).get().asString().contains("exclude");
        assertThat(new TriggerSettings("o/a", "main", "src/**", "**/*.md", false).problem()).isEmpty();
    }

    @Test
    void formChecksAgreeWithTheSubscription() {
        assertThat(TriggerSettings.checkRepository("https://ghe.example.com/o/a")).isEmpty();
        assertThat(TriggerSettings.checkRefs("!")).get().asString().contains("'!' must be followed");
        assertThat(TriggerSettings.checkPaths("docs/", PathFilter.Kind.EXCLUDE)).isEmpty();
        assertThat(TriggerSettings.checkPaths("docs//x", PathFilter.Kind.EXCLUDE)).get().asString().startsWith("exclude path pattern");
    }

    @Test
    void causeReadsAsASentence() {
        assertThat(CauseDescription.of("main", "alice", "72d3162e", false))
                .isEqualTo("Started by GitHub push to main by alice (delivery 72d3162e)");
        assertThat(CauseDescription.of("feature/old", null, "d", true)).isEqualTo("Started by GitHub push deleting feature/old (delivery d)");
    }

    @Test
    void anOrganizationFoldersSettingsNameAnOwnerAndListenToEveryRepositoryOfIt() {
        Subscription s = new TriggerSettings("https://github.com/Octo-Org", "", "", "", true, true)
                .toSubscription("octo-org", List.of(WebhookSecret.of("id", "secret")));
        assertThat(s.repository().ownerWide()).isTrue();
        assertThat(s.repository().key()).isEqualTo("octo-org/*");
        assertThat(new TriggerSettings("octo-org/*", "", "", "", true, true).problem()).isEmpty();
    }

    @Test
    void anOrganizationFolderRefusesARepositoryAndAMultibranchPipelineAnOwner() {
        assertThat(new TriggerSettings("octo-org/app", "", "", "", true, true).problem()).get().asString()
                .contains("'octo-org/app' is not an owner");
        assertThat(new TriggerSettings("", "", "", "", true, true).problem()).get().asString().contains("octo-org/*");
        assertThat(new TriggerSettings("octo-org/*", "", "", "", true, false).problem()).get().asString()
                .contains("is not a repository");
    }

    @Test
    void anEmptyHostIsWarnedAboutForItMatchesTheRepositoryOnEveryHostOfTheForge() {
        assertThat(TriggerSettings.hostAdvice("", "gitea")).get().asString().contains("any Gitea server");
        assertThat(TriggerSettings.hostAdvice(null, null)).get().asString().contains("GitHub");
        assertThat(TriggerSettings.hostAdvice("git.example.com", "gitea")).isEmpty();
    }
}
