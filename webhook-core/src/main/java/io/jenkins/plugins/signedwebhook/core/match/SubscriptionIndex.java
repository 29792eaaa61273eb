package io.jenkins.plugins.signedwebhook.core.match;

import io.jenkins.plugins.signedwebhook.core.signature.WebhookSecret;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An immutable snapshot of all subscriptions, keyed by normalised repository, so a delivery only ever looks at the
 * subscriptions of its own repository. Changes build a new snapshot; see {@link SubscriptionRegistry}.
 */
public final class SubscriptionIndex {
    private static final SubscriptionIndex EMPTY = new SubscriptionIndex(Map.of());

    private final Map<String, Subscription> byId;
    private final Map<String, List<Subscription>> byRepository;
    private final List<WebhookSecret> distinctSecrets;

    private SubscriptionIndex(Map<String, Subscription> byId) {
        this.byId = byId;
        Map<String, List<Subscription>> repos = new HashMap<>();
        Set<WebhookSecret> secrets = new LinkedHashSet<>();
        for (Subscription s : byId.values()) {
            repos.computeIfAbsent(s.repository().key(), k -> new ArrayList<>()).add(s);
            secrets.addAll(s.secrets());
        }
        repos.replaceAll((k, v) -> List.copyOf(v));
        this.byRepository = Map.copyOf(repos);
        this.distinctSecrets = List.copyOf(secrets);
    }

    public static SubscriptionIndex empty() {
        return EMPTY;
    }

    /** An index of these subscriptions; a later subscription with the same id replaces an earlier one. */
    public static SubscriptionIndex of(Collection<Subscription> subscriptions) {
        Map<String, Subscription> byId = new LinkedHashMap<>();
        subscriptions.forEach(s -> byId.put(s.id(), s));
        return new SubscriptionIndex(byId);
    }

    public List<Subscription> forRepository(RepositoryName repository) {
        return byRepository.getOrDefault(repository.key(), List.of());
    }

    /** A new index where {@code subscription} replaces any with its id. */
    public SubscriptionIndex with(Subscription subscription) {
        Map<String, Subscription> copy = new LinkedHashMap<>(byId);
        copy.put(subscription.id(), subscription);
        return new SubscriptionIndex(copy);
    }

    public SubscriptionIndex without(String id) {
        if (!byId.containsKey(id)) {
            return this;
        }
        Map<String, Subscription> copy = new LinkedHashMap<>(byId);
        copy.remove(id);
        return new SubscriptionIndex(copy);
    }

    /** Every distinct secret of every subscription, for deliveries that name no repository (an organisation ping). */
    public List<WebhookSecret> distinctSecrets() {
        return distinctSecrets;
    }

    public Collection<Subscription> all() {
        return byId.values();
    }

    public int size() {
        return byId.size();
    }
}
