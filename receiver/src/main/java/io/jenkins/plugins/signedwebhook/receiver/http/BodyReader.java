package io.jenkins.plugins.signedwebhook.receiver.http;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * Reads one request body into memory without holding a thread while its bytes are awaited (Jetty calls back when
 * more arrive), so slow senders cannot use up the request threads. In every {@code window} from the end of the headers
 * a body must send {@code minRate} bytes a second; one that does not is {@code tooSlow} and nothing more is read. Each
 * growth of its buffer is first reserved from the shared {@link BodyBudget}; a body the budget cannot hold is
 * {@code full}.
 *
 * <p>Exactly one of {@code complete}, {@code tooSlow} and {@code full} is called, once. {@code complete} gets the bytes
 * as a stream, which ends in the read's failure if the body could not be read to its end. {@link #release()} gives the
 * buffer's bytes back to the budget, once the request has ended.
 */
final class BodyReader implements Runnable {
    private static final int FIRST_BUFFER = 16 * 1024;

    private final Request request;
    private final int cap;
    private final int expected;
    private final long windowNanos;
    private final long perWindow;
    private final long minRate;
    private final BodyBudget budget;
    private final Scheduler scheduler;
    private final Consumer<InputStream> complete;
    private final Consumer<String> tooSlow;
    private final Runnable full;
    /** When the headers had been read: the first window runs from here, even though it is timed only when awaited. */
    private final long started = System.nanoTime();
    private final AtomicBoolean settled = new AtomicBoolean();
    private final AtomicLong reserved = new AtomicLong();
    private byte[] bytes = new byte[0];
    private volatile int count;
    private volatile boolean released;
    private int windowStart;
    private volatile Scheduler.Task deadline;

    /** @param cap bytes kept at most: one more than the body limit, so that the engine sees an oversized body as such */
    BodyReader(Request request, int cap, Duration window, long minRate, BodyBudget budget,
            Consumer<InputStream> complete, Consumer<String> tooSlow, Runnable full) {
        this.request = request;
        this.cap = cap;
        this.windowNanos = window.toNanos();
        this.perWindow = Math.max(1, Math.min(cap, minRate * window.toMillis() / 1000));
        this.minRate = minRate;
        this.budget = budget;
        this.scheduler = request.getComponents().getScheduler();
        this.complete = complete;
        this.tooSlow = tooSlow;
        this.full = full;
        long declared = request.getLength();
        this.expected = (int) Math.min(cap, declared >= 0 ? declared : cap);
    }

    /** Reads what has arrived; asks Jetty to call again when more has. */
    @Override
    public void run() {
        while (!settled.get()) {
            Content.Chunk chunk = request.read();
            if (chunk == null) {
                if (deadline == null) {
                    // Only a body that must be waited for is timed: most come whole with their headers, and a
                    // scheduled check is a lock, a queue insert and a removal per request.
                    long waited = System.nanoTime() - started;
                    deadline = scheduler.schedule(this::check, Math.max(0, windowNanos - waited), TimeUnit.NANOSECONDS);
                }
                request.demand(this);
                return;
            }
            if (Content.Chunk.isFailure(chunk)) {
                Throwable failure = chunk.getFailure();
                settle(new SequenceInputStream(received(), new Failing(failure)));
                return;
            }
            boolean kept = append(chunk.getByteBuffer());
            boolean last = chunk.isLast();
            chunk.release();
            if (!kept) {
                if (stop()) {
                    full.run();
                }
                return;
            }
            if (last || count >= cap) {
                settle(received());
                return;
            }
        }
    }

    /** Gives the buffer's bytes back to the budget; the body is not read again after it. */
    void release() {
        released = true;
        budget.release(reserved.getAndSet(0));
    }

    /** False, keeping nothing, when the budget cannot hold the larger buffer the bytes need. */
    private boolean append(ByteBuffer buffer) {
        int take = Math.min(buffer.remaining(), cap - count);
        if (count + take > bytes.length) {
            // Memory follows the bytes that came, not the length declared: a header cannot reserve 25 MiB.
            long doubled = Math.max(FIRST_BUFFER, (long) bytes.length * 2);
            int length = (int) Math.max(count + take, Math.min(expected, doubled));
            if (!budget.reserve(length - bytes.length)) {
                return false;
            }
            reserved.addAndGet(length - bytes.length);
            if (released) {
                // The request ended (too slow) while this read went on: what it just took goes back too.
                budget.release(reserved.getAndSet(0));
            }
            bytes = Arrays.copyOf(bytes, length);
        }
        buffer.get(bytes, count, take);
        count += take;
        return true;
    }

    private InputStream received() {
        return new ByteArrayInputStream(bytes, 0, count);
    }

    private void settle(InputStream body) {
        if (stop()) {
            complete.accept(body);
        }
    }

    private boolean stop() {
        if (!settled.compareAndSet(false, true)) {
            return false;
        }
        Scheduler.Task task = deadline;
        if (task != null) {
            task.cancel();
        }
        return true;
    }

    /**
     * On Jetty's scheduler, once a window: waits another while the body kept up in this one, gives up on it when it
     * did not. Window by window, so bytes sent early buy no time later: memory is not held by a trickle.
     */
    private void check() {
        if (settled.get()) {
            return;
        }
        int now = count;
        int inWindow = now - windowStart;
        if (inWindow >= perWindow) {
            windowStart = now;
            deadline = scheduler.schedule(this::check, windowNanos, TimeUnit.NANOSECONDS);
        } else if (settled.compareAndSet(false, true)) {
            tooSlow.accept(inWindow + " bytes in the last " + TimeUnit.NANOSECONDS.toMillis(windowNanos) + " ms ("
                    + now + " in all), under " + minRate + " bytes a second");
        }
    }

    /** The end of a body that could not be read to its end: the engine answers it as unreadable. */
    private static final class Failing extends InputStream {
        private final Throwable failure;

        Failing(Throwable failure) {
            this.failure = failure;
        }

        @Override
        public int read() throws IOException {
            throw failure instanceof IOException io ? io : new IOException(failure);
        }
    }
}
