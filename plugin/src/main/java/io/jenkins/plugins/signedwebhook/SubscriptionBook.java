package io.jenkins.plugins.signedwebhook;

import io.jenkins.plugins.signedwebhook.core.match.Subscription;
import io.jenkins.plugins.signedwebhook.core.match.SubscriptionRegistry;
import io.jenkins.plugins.signedwebhook.core.signature.WebhookSecret;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;

/**
 * What the subscription index was built from, job by job, and the one place that decides what a fresh view of some
 * jobs changes: only jobs whose settings or secret differ get a new subscription, all of them in one new index, and
 * a view that changes nothing swaps nothing. Free of Jenkins types, so these decisions are tested without Jenkins.
 */
final class SubscriptionBook {
    /** The scope that stands for every job. */
    static final String EVERY_JOB = "";

    private final SubscriptionRegistry registry;
    private final Map<String, ResolvedTrigger> applied = new HashMap<>();
    /** The revision of the change that last applied each job, so a slow refresh never overwrites a newer save. */
    private final Map<String, Long> appliedAt = new HashMap<>();
    private final Map<String, String> problems = new ConcurrentHashMap<>();
    private long revision;

    SubscriptionBook(SubscriptionRegistry registry) {
        this.registry = registry;
    }

    /** Looks one job up again: empty when the job is gone or no longer has the trigger. */
    @FunctionalInterface
    interface Resolver {
        Optional<ResolvedTrigger> resolve(String jobFullName);
    }

    /** What applying a view did. */
    sealed interface Outcome {
        /** Jobs whose subscription was rebuilt, jobs dropped, and jobs whose lookup failed (they keep what they had). */
        record Applied(List<String> changed, List<String> removed, Map<String, String> failed) implements Outcome {
            public boolean changedAnything() {
                return !changed.isEmpty() || !removed.isEmpty();
            }
        }

        /** Jenkins stopped while the jobs were looked up; nothing was applied. */
        record Stopped() implements Outcome {
        }
    }

    /** Applies these jobs' fresh views and drops {@code gone}, in at most one swap of the index. */
    Outcome.Applied apply(Collection<ResolvedTrigger> fresh, Collection<String> gone) {
        return apply(fresh, gone, Map.of(), Long.MAX_VALUE);
    }

    /**
     * Looks {@code jobs} up again and applies what differs, in at most one swap. Lookups run outside the lock;
     * {@code running} is asked before each, so a Jenkins that stops midway ends the refresh quietly.
     */
    Outcome refresh(Collection<String> jobs, Resolver resolver, BooleanSupplier running) {
        long since = revision();
        List<ResolvedTrigger> fresh = new ArrayList<>();
        List<String> gone = new ArrayList<>();
        Map<String, String> failed = new LinkedHashMap<>();
        for (String id : jobs) {
            if (!running.getAsBoolean()) {
                return new Outcome.Stopped();
            }
            try {
                resolver.resolve(id).ifPresentOrElse(fresh::add, () -> gone.add(id));
            } catch (RuntimeException e) {
                if (!running.getAsBoolean()) {
                    return new Outcome.Stopped();
                }
                failed.put(id, String.valueOf(e.getMessage()));
            }
        }
        return running.getAsBoolean() ? apply(fresh, gone, failed, since) : new Outcome.Stopped();
    }

    private synchronized Outcome.Applied apply(Collection<ResolvedTrigger> fresh, Collection<String> gone,
            Map<String, String> failed, long resolvedAt) {
        Map<String, ResolvedTrigger> latest = new LinkedHashMap<>();
        fresh.forEach(t -> latest.put(t.jobFullName(), t));
        long now = ++revision;
        List<String> removed = new ArrayList<>();
        Set<String> leaveIndex = new LinkedHashSet<>();
        for (String id : gone) {
            if (!latest.containsKey(id) && appliedAt.getOrDefault(id, 0L) <= resolvedAt && applied.remove(id) != null) {
                appliedAt.remove(id);
                problems.remove(id);
                removed.add(id);
                leaveIndex.add(id);
            }
        }
        List<String> changed = new ArrayList<>();
        List<Subscription> added = new ArrayList<>();
        for (ResolvedTrigger trigger : latest.values()) {
            String id = trigger.jobFullName();
            if (trigger.equals(applied.get(id)) || appliedAt.getOrDefault(id, 0L) > resolvedAt) {
                continue;
            }
            applied.put(id, trigger);
            appliedAt.put(id, now);
            changed.add(id);
            Optional<Subscription> subscription = subscriptionOf(trigger);
            if (subscription.isPresent()) {
                added.add(subscription.get());
            } else {
                leaveIndex.add(id);
            }
        }
        registry.update(index -> index.change(added, leaveIndex));
        return new Outcome.Applied(List.copyOf(changed), List.copyOf(removed), Map.copyOf(failed));
    }

    /** The job's subscription, none while its settings are unusable; records why it cannot build, for its page. */
    private Optional<Subscription> subscriptionOf(ResolvedTrigger trigger) {
        String id = trigger.jobFullName();
        Optional<String> problem = trigger.settings().problem();
        if (problem.isPresent()) {
            problems.put(id, problem.get());
            return Optional.empty();
        }
        List<WebhookSecret> secrets = List.of();
        if (trigger.secret() == null) {
            problems.put(id, Messages.SubscriptionBook_CredentialMissing(trigger.credentialsId()));
        } else if (trigger.secret().isEmpty()) {
            problems.put(id, Messages.SubscriptionBook_CredentialEmpty(trigger.credentialsId()));
        } else {
            problems.remove(id);
            secrets = List.of(WebhookSecret.of(trigger.credentialsId(), trigger.secret()));
        }
        return Optional.of(trigger.settings().toSubscription(id, secrets));
    }

    private synchronized long revision() {
        return revision;
    }

    /** Every job with the trigger, usable or not. */
    synchronized List<String> jobs() {
        return List.copyOf(applied.keySet());
    }

    /** The jobs at or below these scopes (a job's or folder's full name, {@link #EVERY_JOB} for all), each once. */
    synchronized List<String> jobsIn(Collection<String> scopes) {
        if (scopes.contains(EVERY_JOB)) {
            return jobs();
        }
        return applied.keySet().stream()
                .filter(id -> scopes.stream().anyMatch(scope -> id.equals(scope) || id.startsWith(scope + "/")))
                .toList();
    }

    /** Why the job's trigger cannot start builds; empty when it can. */
    Optional<String> problemOf(String jobFullName) {
        return Optional.ofNullable(problems.get(jobFullName));
    }

    /** The view the job's subscription was last built from. */
    synchronized Optional<ResolvedTrigger> appliedFor(String jobFullName) {
        return Optional.ofNullable(applied.get(jobFullName));
    }
}
