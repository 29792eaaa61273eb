package io.jenkins.plugins.signedwebhook.core.match;

import io.jenkins.plugins.signedwebhook.core.forge.Forge;
import io.jenkins.plugins.signedwebhook.core.signature.WebhookSecret;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
    private final Map<Forge, List<WebhookSecret>> secretsByForge;

    private SubscriptionIndex(Map<String, Subscription> byId) {
        this.byId = byId;
        Map<String, List<Subscription>> repos = new HashMap<>();
        Set<WebhookSecret> secrets = new LinkedHashSet<>();
        Map<Forge, Set<WebhookSecret>> byForge = new EnumMap<>(Forge.class);
        for (Subscription s : byId.values()) {
            repos.computeIfAbsent(s.repository().key(), k -> new ArrayList<>()).add(s);
            secrets.addAll(s.secrets());
            byForge.computeIfAbsent(s.forge(), f -> new LinkedHashSet<>()).addAll(s.secrets());
        }
        repos.replaceAll((k, v) -> List.copyOf(v));
        this.byRepository = Map.copyOf(repos);
        this.distinctSecrets = List.copyOf(secrets);
        Map<Forge, List<WebhookSecret>> forges = new EnumMap<>(Forge.class);
        byForge.forEach((f, set) -> forges.put(f, List.copyOf(set)));
        this.secretsByForge = forges;
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

    /** The repository's subscriptions, and those of its owner's organization folders ({@code owner/*}). */
    public List<Subscription> forRepository(RepositoryName repository) {
        List<Subscription> exact = byRepository.getOrDefault(repository.key(), List.of());
        List<Subscription> ownerWide = repository.ownerWide() ? List.of() : byRepository.getOrDefault(repository.ownerKey(), List.of());
        if (ownerWide.isEmpty()) {
            return exact;
        }
        if (exact.isEmpty()) {
            return ownerWide;
        }
        List<Subscription> both = new ArrayList<>(exact);
        both.addAll(ownerWide);
        return List.copyOf(both);
    }

    /** The subscription with this id, if any. */
    public Optional<Subscription> get(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** A new index where {@code subscription} replaces any with its id. */
    public SubscriptionIndex with(Subscription subscription) {
        return change(List.of(subscription), List.of());
    }

    /** A new index where each of {@code subscriptions} replaces any with its id; a later one in the collection wins. */
    public SubscriptionIndex withAll(Collection<Subscription> subscriptions) {
        return change(subscriptions, List.of());
    }

    public SubscriptionIndex without(String id) {
        return change(List.of(), List.of(id));
    }

    public SubscriptionIndex withoutAll(Collection<String> ids) {
        return change(List.of(), ids);
    }

    /**
     * Drops {@code removed}, then adds {@code added} (replacing by id), building one new index however many there are,
     * so a batch of N changes costs one copy, not N. Returns this index itself when nothing would change.
     */
    public SubscriptionIndex change(Collection<Subscription> added, Collection<String> removed) {
        if (added.isEmpty() && removed.stream().noneMatch(byId::containsKey)) {
            return this;
        }
        Map<String, Subscription> copy = new LinkedHashMap<>(byId);
        removed.forEach(copy::remove);
        added.forEach(s -> copy.put(s.id(), s));
        return new SubscriptionIndex(copy);
    }

    /** Every distinct secret of every subscription, for deliveries that name no repository (an organisation ping). */
    public List<WebhookSecret> distinctSecrets() {
        return distinctSecrets;
    }

    /** Every distinct secret of the subscriptions of one forge, for that forge's pings that name no repository. */
    public List<WebhookSecret> distinctSecrets(Forge forge) {
        return secretsByForge.getOrDefault(forge, List.of());
    }

    public Collection<Subscription> all() {
        return Collections.unmodifiableCollection(byId.values());
    }

    public int size() {
        return byId.size();
    }
}
