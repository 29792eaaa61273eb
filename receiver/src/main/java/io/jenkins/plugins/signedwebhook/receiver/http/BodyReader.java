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
import java.util.function.Consumer;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * Reads one request body into memory without holding a thread while its bytes are awaited (Jetty calls back when
 * more arrive), so slow senders cannot use up the request threads. A body may take {@code grace} plus one second for
 * every {@code minRate} bytes it has sent; past that it is {@code tooSlow} and nothing more is read.
 *
 * <p>Exactly one of {@code complete} and {@code tooSlow} is called, once. {@code complete} gets the bytes as a stream,
 * which ends in the read's failure if the body could not be read to its end.
 */
final class BodyReader implements Runnable {
    private static final int FIRST_BUFFER = 16 * 1024;

    private final Request request;
    private final int cap;
    private final int expected;
    private final long graceNanos;
    private final long minRate;
    private final Scheduler scheduler;
    private final Consumer<InputStream> complete;
    private final Consumer<String> tooSlow;
    private final AtomicBoolean settled = new AtomicBoolean();
    private final long started = System.nanoTime();
    private byte[] bytes;
    private volatile int count;
    private volatile Scheduler.Task deadline;

    /** @param cap bytes kept at most: one more than the body limit, so that the engine sees an oversized body as such */
    BodyReader(Request request, int cap, Duration grace, long minRate, Consumer<InputStream> complete,
            Consumer<String> tooSlow) {
        this.request = request;
        this.cap = cap;
        this.graceNanos = grace.toNanos();
        this.minRate = minRate;
        this.scheduler = request.getComponents().getScheduler();
        this.complete = complete;
        this.tooSlow = tooSlow;
        long declared = request.getLength();
        this.expected = (int) Math.min(cap, declared >= 0 ? declared : cap);
        // Memory follows the bytes that came, not the length declared: a slow sender cannot reserve 25 MiB with a header.
        this.bytes = new byte[Math.min(expected, FIRST_BUFFER)];
    }

    /** Reads what has arrived; asks Jetty to call again when more has. */
    @Override
    public void run() {
        while (!settled.get()) {
            Content.Chunk chunk = request.read();
            if (chunk == null) {
                if (deadline == null) {
                    deadline = scheduler.schedule(this::check, Math.max(0, allowedNanos() - elapsedNanos()),
                            TimeUnit.NANOSECONDS);
                }
                request.demand(this);
                return;
            }
            if (Content.Chunk.isFailure(chunk)) {
                Throwable failure = chunk.getFailure();
                settle(new SequenceInputStream(received(), new Failing(failure)));
                return;
            }
            append(chunk.getByteBuffer());
            boolean last = chunk.isLast();
            chunk.release();
            if (last || count >= cap) {
                settle(received());
                return;
            }
        }
    }

    private void append(ByteBuffer buffer) {
        int take = Math.min(buffer.remaining(), cap - count);
        if (count + take > bytes.length) {
            long doubled = Math.max((long) count + take, (long) bytes.length * 2);
            bytes = Arrays.copyOf(bytes, (int) Math.max(count + take, Math.min(expected, doubled)));
        }
        buffer.get(bytes, count, take);
        count += take;
    }

    private InputStream received() {
        return new ByteArrayInputStream(bytes, 0, count);
    }

    private void settle(InputStream body) {
        if (settled.compareAndSet(false, true)) {
            Scheduler.Task task = deadline;
            if (task != null) {
                task.cancel();
            }
            complete.accept(body);
        }
    }

    /** On Jetty's scheduler: waits again while the body keeps up, gives up on it when it does not. */
    private void check() {
        if (settled.get()) {
            return;
        }
        long left = allowedNanos() - elapsedNanos();
        if (left > 0) {
            deadline = scheduler.schedule(this::check, left, TimeUnit.NANOSECONDS);
        } else if (settled.compareAndSet(false, true)) {
            tooSlow.accept(count + " bytes in " + TimeUnit.NANOSECONDS.toMillis(elapsedNanos()) + " ms, under "
                    + minRate + " bytes a second");
        }
    }

    private long allowedNanos() {
        return graceNanos + count * TimeUnit.SECONDS.toNanos(1) / minRate;
    }

    private long elapsedNanos() {
        return System.nanoTime() - started;
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
