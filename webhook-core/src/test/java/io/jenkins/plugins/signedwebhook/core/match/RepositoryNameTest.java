package io.jenkins.plugins.signedwebhook.core.match;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class RepositoryNameTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "Octo-Org/App",
        "octo-org/app",
        "https://github.com/octo-org/app",
        "https://github.com/Octo-Org/App.git",
        "https://github.com/octo-org/app/",
        "http://github.com/octo-org/app",
        "git@github.com:octo-org/app.git",
        "ssh://git@github.com/octo-org/app.git",
        "ssh://git@ghe.example.com:2222/octo-org/app.git",
        "https://ghe.example.com/octo-org/app",
        "git://github.com/octo-org/app.git",
        "  octo-org/app  "
    })
    void normalisesEveryFormToOneKey(String form) {
        assertThat(RepositoryName.parse(form)).get().extracting(RepositoryName::key).isEqualTo("octo-org/app");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "app", "octo-org/", "/app", "octo-org/app/tree/main", "https://github.com",
        "ünïcødé/app", "octo org/app", "octo-org/..", "https://github.com/octo-org/app/issues"})
    void refusesWhatIsNotARepository(String text) {
        assertThat(RepositoryName.parse(text)).isEmpty();
    }

    @Test
    void configurationErrorSaysWhatIsAccepted() {
        assertThatThrownBy(() -> RepositoryName.require("app")).hasMessageContaining("owner/name");
    }

    @Property(tries = 500)
    void everyUrlFormOfARepositoryHasTheSameKey(@ForAll("repositories") RepositoryName repo, @ForAll("hosts") String host) {
        String path = repo.owner() + "/" + repo.name();
        assertThat(RepositoryName.parse("https://" + host + "/" + path + ".git")).get().extracting(RepositoryName::key).isEqualTo(repo.key());
        assertThat(RepositoryName.parse("git@" + host.replaceFirst(":[0-9]+$", "") + ":" + path + ".git")).get().extracting(RepositoryName::key).isEqualTo(repo.key());
        assertThat(RepositoryName.parse("ssh://git@" + host + "/" + path)).get().extracting(RepositoryName::key).isEqualTo(repo.key());
        assertThat(RepositoryName.parse(path.toUpperCase(java.util.Locale.ROOT))).get().extracting(RepositoryName::key).isEqualTo(repo.key());
    }

    @Provide
    Arbitrary<RepositoryName> repositories() {
        Arbitrary<String> owner = Arbitraries.strings().withCharRange('a', 'z').withChars('-', '0', '9').ofMinLength(1).ofMaxLength(20);
        Arbitrary<String> name = Arbitraries.strings().withCharRange('a', 'z').withChars('-', '_', '.').ofMinLength(1).ofMaxLength(20)
                .filter(n -> !n.equals(".") && !n.equals("..") && !n.endsWith(".git"));
        return Combinators.combine(owner, name).as(RepositoryName::new);
    }

    @Provide
    Arbitrary<String> hosts() {
        return Arbitraries.of("github.com", "ghe.example.com", "git.corp.internal:8443");
    }

    @ParameterizedTest
    @ValueSource(strings = {"octo-org", "octo-org/*", "https://github.com/octo-org", "https://ghe.example.com/octo-org/", " Octo-Org/* "})
    void anOwnerIsReadInEveryFormAsEveryRepositoryOfIt(String form) {
        RepositoryName owner = RepositoryName.parseOwnerWide(form).orElseThrow();
        assertThat(owner.ownerWide()).isTrue();
        assertThat(owner.key()).isEqualTo("octo-org/*");
    }

    @ParameterizedTest
    @ValueSource(strings = {"octo-org/app", "", "octo org", "https://github.com/"})
    void anOwnerWideFormRefusesARepositoryAndWhatIsNoOwner(String text) {
        assertThat(RepositoryName.parseOwnerWide(text)).isEmpty();
    }

    @Test
    void aPayloadsNameNeverReadsAsOwnerWide() {
        assertThat(RepositoryName.parse("octo-org/*")).isEmpty();
    }
}
