package io.jenkins.plugins.signedwebhook.core.event;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.signedwebhook.core.testing.Fixtures;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RepositoryPeekTest {

    private static RepositoryPeek.Result peek(byte[] json) {
        return RepositoryPeek.peek(json, 0, json.length);
    }

    @Test
    void findsTheRepositoryOfAPushAndARepositoryPing() {
        assertThat(peek(Fixtures.github("push-branch.json"))).isEqualTo(new RepositoryPeek.Found("octo-org/app"));
        assertThat(peek(Fixtures.github("ping-repo.json"))).isEqualTo(new RepositoryPeek.Found("octo-org/app"));
    }

    @Test
    void anOrganisationPingHasNoRepository() {
        assertThat(peek(Fixtures.github("ping-org.json"))).isInstanceOf(RepositoryPeek.Absent.class);
    }

    @Test
    void stopsReadingOnceTheNameIsFound() {
        // Everything after the repository is garbage: the peek never gets there.
        byte[] json = "{\"repository\":{\"full_name\":\"a/b\"}, this is not json".getBytes(StandardCharsets.UTF_8);
        assertThat(peek(json)).isEqualTo(new RepositoryPeek.Found("a/b"));
    }

    @Test
    void garbageIsUnreadableNotAnException() {
        assertThat(peek("not json".getBytes(StandardCharsets.UTF_8))).isInstanceOf(RepositoryPeek.Unreadable.class);
        assertThat(peek(new byte[0])).isInstanceOf(RepositoryPeek.Unreadable.class);
        assertThat(peek("{\"repository\":{\"full_name\":42}}".getBytes(StandardCharsets.UTF_8))).isInstanceOf(RepositoryPeek.Unreadable.class);
    }
}
