package io.jenkins.plugins.signedwebhook.receiver.http;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.server.ConnectionMetaData;
import org.eclipse.jetty.util.component.AbstractLifeCycle;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * Closes an HTTP connection whose request line and headers are not complete {@code timeout} after it opened, or after
 * its previous answer began: Jetty's idle timeout alone keeps a client that sends a byte of its headers now and then.
 * Added to a connector as a bean, it hears of every connection the connector opens; it looks at them a few times a
 * {@code timeout}, at most every second, so a connection is closed at most that much late. A connection whose request
 * is being handled is left alone: its body is governed by the body's own limits (an interim {@code 100 Continue}
 * counts as an answer, and would otherwise start the deadline in the middle of the body).
 */
public final class HeaderDeadline extends AbstractLifeCycle implements Connection.Listener {
    private static final Logger LOGGER = Logger.getLogger(HeaderDeadline.class.getName());
    private static final Duration LONGEST_SWEEP = Duration.ofSeconds(1);
    private static final Duration SHORTEST_SWEEP = Duration.ofMillis(50);

    private final long timeoutNanos;
    private final Duration every;
    private final Scheduler scheduler;
    private final Runnable closed;
    private final Map<Connection, Watch> watched = new ConcurrentHashMap<>();
    private volatile Scheduler.Task next;

    /** @param closed told of each connection closed, after it is */
    public HeaderDeadline(Duration timeout, Scheduler scheduler, Runnable closed) {
        this.timeoutNanos = timeout.toNanos();
        Duration quarter = timeout.dividedBy(4);
        this.every = quarter.compareTo(LONGEST_SWEEP) > 0 ? LONGEST_SWEEP
                : quarter.compareTo(SHORTEST_SWEEP) < 0 ? SHORTEST_SWEEP : quarter;
        this.scheduler = scheduler;
        this.closed = closed;
    }

    @Override
    public void onOpened(Connection connection) {
        // The HTTP connection itself, not the TLS one it may sit on: only it counts requests and answers.
        if (connection instanceof ConnectionMetaData) {
            watched.put(connection, new Watch(System.nanoTime()));
        }
    }

    @Override
    public void onClosed(Connection connection) {
        watched.remove(connection);
    }

    /** From the start of a request's handling until {@link #handled}, the connection is not closed for its headers. */
    public void handling(Connection connection) {
        Watch watch = watched.get(connection);
        if (watch != null) {
            watch.busy = true;
        }
    }

    public void handled(Connection connection) {
        Watch watch = watched.get(connection);
        if (watch != null) {
            watch.busy = false;
        }
    }

    @Override
    protected void doStart() {
        next = scheduler.schedule(this::sweep, every);
    }

    @Override
    protected void doStop() {
        Scheduler.Task task = next;
        if (task != null) {
            task.cancel();
        }
    }

    /** Requests in and answers out are equal while a connection waits for, or receives, a request's headers. */
    private void sweep() {
        try {
            look(System.nanoTime());
        } finally {
            if (isRunning()) {
                next = scheduler.schedule(this::sweep, every);
            }
        }
    }

    private void look(long now) {
        for (Map.Entry<Connection, Watch> entry : watched.entrySet()) {
            Connection connection = entry.getKey();
            Watch watch = entry.getValue();
            long in = connection.getMessagesIn();
            long out = connection.getMessagesOut();
            if (watch.busy || in != watch.in || out != watch.out) {
                watch.in = in;
                watch.out = out;
                watch.since = now;
            } else if (in == out && now - watch.since > timeoutNanos) {
                watched.remove(connection);
                SocketAddress remote = connection.getEndPoint().getRemoteSocketAddress();
                String from = remote instanceof InetSocketAddress inet ? inet.getHostString() + ":" + inet.getPort()
                        : String.valueOf(remote);
                connection.getEndPoint().close();
                closed.run();
                LOGGER.info(() -> "closed the connection from " + from + ": no complete request line and headers within "
                        + TimeUnit.NANOSECONDS.toMillis(timeoutNanos) + " ms (headerTimeout)");
            }
        }
    }

    /** What a connection had counted when last seen to change, read and written by the sweep; and whether it is busy. */
    private static final class Watch {
        volatile boolean busy;
        long in;
        long out;
        long since;

        Watch(long since) {
            this.since = since;
        }
    }
}
