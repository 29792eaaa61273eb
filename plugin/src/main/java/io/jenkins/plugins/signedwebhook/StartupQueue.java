package io.jenkins.plugins.signedwebhook;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * Triggers that start while Jenkins is still loading its jobs wait here, so loading N jobs builds the subscription
 * index once, from {@link #drain()} after the jobs are loaded, instead of N times. After the drain nothing waits.
 */
final class StartupQueue<T> {
    private final Map<String, T> waiting = new LinkedHashMap<>();
    private boolean drained;

    /** Keeps {@code value} for the build after loading and returns true; false when the caller should apply it now. */
    synchronized boolean offer(String id, T value, BooleanSupplier jenkinsIsLoading) {
        if (drained || !jenkinsIsLoading.getAsBoolean()) {
            return false;
        }
        waiting.put(id, value);
        return true;
    }

    /** Forgets a trigger that stopped before the drain. */
    synchronized void remove(String id) {
        waiting.remove(id);
    }

    /** Everything that waited, once; from now on {@link #offer} always answers false. */
    synchronized List<T> drain() {
        drained = true;
        List<T> all = List.copyOf(waiting.values());
        waiting.clear();
        return all;
    }
}
