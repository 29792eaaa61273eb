package io.jenkins.plugins.signedwebhook.core.match;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.signedwebhook.core.signature.WebhookSecret;
import java.util.List;
import org.junit.jupiter.api.Test;

class SubscriptionIndexTest {
    private static final WebhookSecret S = WebhookSecret.of("s", "secret");

    @Test
    void findsSubscriptionsByAnyFormOfTheRepositoryName() {
        SubscriptionIndex index = SubscriptionIndex.of(List.of(Subscription.of("job", "https://github.com/Octo-Org/App.git", S)));
        assertThat(index.forRepository(RepositoryName.require("octo-org/app"))).extracting(Subscription::id).containsExactly("job");
        assertThat(index.forRepository(RepositoryName.require("octo-org/other"))).isEmpty();
    }

    @Test
    void replacingAndRemovingBySubscriptionIdLeavesTheOldSnapshotAlone() {
        SubscriptionIndex before = SubscriptionIndex.of(List.of(Subscription.of("job", "o/a", S)));
        SubscriptionIndex moved = before.with(Subscription.of("job", "o/b", S));

        assertThat(moved.forRepository(RepositoryName.require("o/a"))).isEmpty();
        assertThat(moved.forRepository(RepositoryName.require("o/b"))).hasSize(1);
        assertThat(before.forRepository(RepositoryName.require("o/a"))).hasSize(1);
        assertThat(moved.without("job").size()).isZero();
    }

    @Test
    void listsEachSecretValueOnce() {
        SubscriptionIndex index = SubscriptionIndex.of(List.of(
                Subscription.of("a", "o/a", WebhookSecret.of("one", "same")),
                Subscription.of("b", "o/b", WebhookSecret.of("two", "same")),
                Subscription.of("c", "o/c", WebhookSecret.of("three", "different"))));
        assertThat(index.distinctSecrets()).hasSize(2);
    }

    @Test
    void registrySwapsSnapshotsAtomically() {
        SubscriptionRegistry registry = new SubscriptionRegistry();
        SubscriptionIndex first = registry.current();
        registry.update(i -> i.with(Subscription.of("job", "o/a", S)));
        assertThat(first.size()).isZero();
        assertThat(registry.current().size()).isEqualTo(1);
    }
}
