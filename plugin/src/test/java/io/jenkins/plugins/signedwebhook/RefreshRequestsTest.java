package io.jenkins.plugins.signedwebhook;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RefreshRequestsTest {
    private final RefreshRequests requests = new RefreshRequests();

    @Test
    void aBurstOfSavesSchedulesOneRefreshForAllTheirScopes() {
        assertThat(requests.add(SubscriptionBook.EVERY_JOB)).isTrue();
        for (int i = 0; i < 100; i++) {
            assertThat(requests.add("team-" + i)).isFalse();
        }

        assertThat(requests.take()).hasSize(101).contains(SubscriptionBook.EVERY_JOB, "team-99");
    }

    @Test
    void aSaveAfterTheRefreshTookItsScopesSchedulesAnother() {
        requests.add("team");
        requests.take();

        assertThat(requests.add("team")).isTrue();
        assertThat(requests.take()).containsExactly("team");
        assertThat(requests.take()).isEmpty();
    }
}
