package io.jenkins.plugins.signedwebhook.receiver.http;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The bytes all request bodies being read may hold together. Bodies no longer hold a thread while they arrive, so
 * without it the number of bodies in memory, and so the memory, would be bounded only by the connections.
 */
public final class BodyBudget {
    private final long limit;
    private final AtomicLong held = new AtomicLong();

    public BodyBudget(long limit) {
        this.limit = limit;
    }

    /** Takes {@code bytes} from the budget if they are left; nothing is taken otherwise. */
    boolean reserve(long bytes) {
        long now;
        do {
            now = held.get();
            if (now + bytes > limit) {
                return false;
            }
        } while (!held.compareAndSet(now, now + bytes));
        return true;
    }

    void release(long bytes) {
        held.addAndGet(-bytes);
    }

    /** Bytes reserved now; for tests and metrics. */
    public long held() {
        return held.get();
    }
}
