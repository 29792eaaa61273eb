package io.jenkins.plugins.signedwebhook.core.match;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.signedwebhook.core.signature.WebhookSecret;
import java.util.ArrayList;
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
    void aBatchGivesTheSameLookupsAsTheSameChangesOneByOne() {
        List<Subscription> subscriptions = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            subscriptions.add(Subscription.of("job-" + i, "o/repo-" + (i % 7), WebhookSecret.of("s" + i, "secret " + (i % 5))));
        }
        SubscriptionIndex oneByOne = SubscriptionIndex.empty();
        for (Subscription s : subscriptions) {
            oneByOne = oneByOne.with(s);
        }

        SubscriptionIndex batch = SubscriptionIndex.empty().withAll(subscriptions);

        for (int r = 0; r < 7; r++) {
            RepositoryName repository = RepositoryName.require("o/repo-" + r);
            assertThat(batch.forRepository(repository)).containsExactlyElementsOf(oneByOne.forRepository(repository));
        }
        assertThat(batch.all()).containsExactlyElementsOf(oneByOne.all());
        assertThat(batch.distinctSecrets()).containsExactlyElementsOf(oneByOne.distinctSecrets());
        assertThat(SubscriptionIndex.of(subscriptions).all()).containsExactlyElementsOf(batch.all());
    }

    @Test
    void aBatchReplacesSubscriptionsWithTheSameId() {
        SubscriptionIndex before = SubscriptionIndex.of(List.of(Subscription.of("a", "o/a", S), Subscription.of("b", "o/b", S)));

        SubscriptionIndex after = before.withAll(List.of(Subscription.of("a", "o/moved", S), Subscription.of("c", "o/c", S)));

        assertThat(after.all()).extracting(Subscription::id).containsExactly("a", "b", "c");
        assertThat(after.forRepository(RepositoryName.require("o/a"))).isEmpty();
        assertThat(after.forRepository(RepositoryName.require("o/moved"))).extracting(Subscription::id).containsExactly("a");
    }

    @Test
    void theLaterOfTwoSubscriptionsWithOneIdInABatchWins() {
        SubscriptionIndex index = SubscriptionIndex.empty().withAll(List.of(
                Subscription.of("a", "o/first", S), Subscription.of("a", "o/second", S)));

        assertThat(index.size()).isEqualTo(1);
        assertThat(index.get("a")).hasValueSatisfying(s -> assertThat(s.repository().key()).isEqualTo("o/second"));
    }

    @Test
    void removingManyDropsOnlyThoseIds() {
        SubscriptionIndex before = SubscriptionIndex.of(List.of(
                Subscription.of("a", "o/x", S), Subscription.of("b", "o/x", S), Subscription.of("c", "o/x", S)));

        SubscriptionIndex after = before.withoutAll(List.of("a", "c", "not-there"));

        assertThat(after.forRepository(RepositoryName.require("o/x"))).extracting(Subscription::id).containsExactly("b");
    }

    @Test
    void aChangeThatChangesNothingIsTheSameSnapshot() {
        SubscriptionIndex index = SubscriptionIndex.of(List.of(Subscription.of("a", "o/a", S)));

        assertThat(index.withoutAll(List.of("not-there"))).isSameAs(index);
        assertThat(index.withAll(List.of())).isSameAs(index);
        assertThat(index.change(List.of(), List.of())).isSameAs(index);
    }

    @Test
    void aChangeRemovesFirstThenAdds() {
        SubscriptionIndex before = SubscriptionIndex.of(List.of(Subscription.of("a", "o/a", S), Subscription.of("b", "o/b", S)));

        SubscriptionIndex after = before.change(List.of(Subscription.of("b", "o/new", S)), List.of("a", "b"));

        assertThat(after.all()).extracting(Subscription::id).containsExactly("b");
        assertThat(after.forRepository(RepositoryName.require("o/new"))).hasSize(1);
    }

    @Test
    void aBatchLeavesThePreviousSnapshotAsItWas() {
        SubscriptionIndex before = SubscriptionIndex.of(List.of(Subscription.of("a", "o/a", S)));

        before.change(List.of(Subscription.of("a", "o/b", S), Subscription.of("c", "o/c", WebhookSecret.of("c", "other"))), List.of());
        before.withoutAll(List.of("a"));

        assertThat(before.all()).extracting(Subscription::id).containsExactly("a");
        assertThat(before.forRepository(RepositoryName.require("o/a"))).hasSize(1);
        assertThat(before.distinctSecrets()).containsExactly(S);
        assertThatThrownBy(() -> before.all().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void registrySwapsSnapshotsAtomically() {
        SubscriptionRegistry registry = new SubscriptionRegistry();
        SubscriptionIndex first = registry.current();
        registry.update(i -> i.with(Subscription.of("job", "o/a", S)));
        assertThat(first.size()).isZero();
        assertThat(registry.current().size()).isEqualTo(1);
    }

    @Test
    void registryCountsOnlySwapsThatPutAnotherIndexInPlace() {
        SubscriptionRegistry registry = new SubscriptionRegistry();

        registry.update(i -> i.withAll(List.of(Subscription.of("a", "o/a", S), Subscription.of("b", "o/b", S))));
        registry.update(i -> i.withoutAll(List.of("not-there")));
        registry.update(i -> i);

        assertThat(registry.swaps()).isEqualTo(1);
        assertThat(registry.current().size()).isEqualTo(2);
    }

    @Test
    void anOwnerWideSubscriptionIsFoundForEveryRepositoryOfItsOwnerAndNoOther() {
        Subscription folder = new Subscription("org-folder", RepositoryName.parseOwnerWide("Octo-Org/*").orElseThrow(),
                RefFilter.allBranches(), PathFilter.none(), java.util.Set.of(Subscription.PUSH), false,
                java.util.List.of(WebhookSecret.of("s", "x")));
        SubscriptionIndex index = SubscriptionIndex.of(java.util.List.of(folder, Subscription.of("job", "octo-org/app", WebhookSecret.of("s", "x"))));

        assertThat(index.forRepository(RepositoryName.require("octo-org/app"))).extracting(Subscription::id)
                .containsExactly("job", "org-folder");
        assertThat(index.forRepository(RepositoryName.require("OCTO-ORG/other"))).extracting(Subscription::id)
                .containsExactly("org-folder");
        assertThat(index.forRepository(RepositoryName.require("octo-org-2/app"))).isEmpty();
    }
}
