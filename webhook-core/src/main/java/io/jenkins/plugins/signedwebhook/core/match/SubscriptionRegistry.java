package io.jenkins.plugins.signedwebhook.core.match;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;

/** The current {@link SubscriptionIndex}; readers take a snapshot without locking, writers swap a new one atomically. */
public final class SubscriptionRegistry {
    private final AtomicReference<SubscriptionIndex> current = new AtomicReference<>(SubscriptionIndex.empty());

    public SubscriptionIndex current() {
        return current.get();
    }

    public void replace(SubscriptionIndex index) {
        current.set(index);
    }

    public SubscriptionIndex update(UnaryOperator<SubscriptionIndex> change) {
        return current.updateAndGet(change);
    }
}
