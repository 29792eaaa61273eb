package io.jenkins.plugins.signedwebhook.core.match;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;

/**
 * The current {@link SubscriptionIndex}; readers take a snapshot without locking, writers swap a new one atomically.
 * It counts its swaps, so an adapter can show that a batch of changes cost one new index, and no change none.
 */
public final class SubscriptionRegistry {
    private final AtomicReference<SubscriptionIndex> current = new AtomicReference<>(SubscriptionIndex.empty());
    private final AtomicLong swaps = new AtomicLong();

    public SubscriptionIndex current() {
        return current.get();
    }

    public void replace(SubscriptionIndex index) {
        if (current.getAndSet(index) != index) {
            swaps.incrementAndGet();
        }
    }

    /** Applies {@code change} to the current index; a change that returns its argument swaps nothing. */
    public SubscriptionIndex update(UnaryOperator<SubscriptionIndex> change) {
        while (true) {
            SubscriptionIndex before = current.get();
            SubscriptionIndex after = change.apply(before);
            if (after == before) {
                return before;
            }
            if (current.compareAndSet(before, after)) {
                swaps.incrementAndGet();
                return after;
            }
        }
    }

    /** How many times a different index was put in place since this registry was made. */
    public long swaps() {
        return swaps.get();
    }
}
