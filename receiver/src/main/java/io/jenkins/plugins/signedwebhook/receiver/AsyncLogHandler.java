package io.jenkins.plugins.signedwebhook.receiver;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.Charset;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.ErrorManager;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * The jar's log handler: request threads only queue the record; one daemon thread formats it (the same text as
 * {@link SimpleFormatter} with {@link #FORMAT}, without its per-record {@code String.format}, date formatting and
 * caller lookup) and writes it, flushing whenever the queue runs empty. It replaces {@code ConsoleHandler}, whose
 * lock every request thread took to format and flush its delivery line, the largest cost and the worst contention
 * the profile showed. After writing a batch short of 256 lines the thread sleeps {@link #LINGER_MILLIS} before looking again, and only
 * waits on the queue (where a publisher must wake it) when that look finds nothing: under load, lines are written
 * in batches of a few milliseconds with no wake-up per line (the profile showed the wake-up and the write per line
 * costing about as much as the line). A full queue blocks the logging thread (no line is dropped); {@link #close()}
 * (also run by JUL's own shutdown reset) writes what is queued, and a record published after that is written
 * directly.
 */
final class AsyncLogHandler extends Handler {
    /** One line per record, so every delivery is one line in the log. */
    static final String FORMAT = "%1$tFT%1$tT.%1$tL%1$tz %4$s %3$s: %5$s%6$s%n";
    private static final int CAPACITY = 16_384;
    /** How long lines may wait to be written while more keep coming. */
    static final long LINGER_MILLIS = 5;
    private static final LogRecord STOP = new LogRecord(Level.OFF, "");

    private final BlockingQueue<LogRecord> queue = new ArrayBlockingQueue<>(CAPACITY);
    private final Writer out;
    private final ZoneId zone;
    private final Thread writer;
    private final StringBuilder line = new StringBuilder(512);
    private final Object written = new Object();
    private final AtomicLong queuedCount = new AtomicLong();
    private long writtenCount;
    private volatile boolean closed;
    private long second = Long.MIN_VALUE;
    private String secondText = "";
    private String offsetText = "";

    AsyncLogHandler(OutputStream stream, ZoneId zone) {
        this.out = new OutputStreamWriter(stream, Charset.defaultCharset());
        this.zone = zone;
        setLevel(Level.INFO);
        writer = new Thread(this::drain, "log");
        writer.setDaemon(true);
        writer.start();
    }

    /** Replaces the root logger's handlers with one of these on standard error. */
    static AsyncLogHandler install() {
        Logger root = LogManager.getLogManager().getLogger("");
        for (Handler h : root.getHandlers()) {
            root.removeHandler(h);
            h.close();
        }
        AsyncLogHandler handler = new AsyncLogHandler(System.err, ZoneId.systemDefault());
        root.addHandler(handler);
        return handler;
    }

    @Override
    public void publish(LogRecord record) {
        if (!isLoggable(record)) {
            return;
        }
        if (!closed) {
            try {
                queuedCount.incrementAndGet();
                queue.put(record);
                if (closed && !writer.isAlive()) {
                    // Queued after close() took what was left (this thread waited on a full queue): written here.
                    writeQueued();
                }
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                queuedCount.decrementAndGet();
            }
        }
        synchronized (this) {
            write(record);
            flushQuietly();
        }
    }

    private void drain() {
        List<LogRecord> batch = new ArrayList<>(256);
        try {
            while (true) {
                if (queue.drainTo(batch, 256) == 0) {
                    batch.add(queue.take());
                    queue.drainTo(batch, 255);
                }
                int drained = batch.size();
                boolean stop = false;
                synchronized (this) {
                    for (LogRecord r : batch) {
                        if (r == STOP) {
                            stop = true;
                        } else {
                            write(r);
                        }
                    }
                    if (queue.isEmpty() || stop) {
                        flushQuietly();
                    }
                }
                synchronized (written) {
                    writtenCount += batch.size() - (stop ? 1 : 0);
                    written.notifyAll();
                }
                batch.clear();
                if (stop) {
                    return;
                }
                if (drained < 256) {
                    Thread.sleep(LINGER_MILLIS);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Called only under this object's lock. */
    private void write(LogRecord r) {
        try {
            line.setLength(0);
            format(r, line);
            out.append(line);
        } catch (IOException | RuntimeException e) {
            reportError(null, e, ErrorManager.WRITE_FAILURE);
        }
    }

    /** {@link #FORMAT} as {@link SimpleFormatter} writes it. */
    void format(LogRecord r, StringBuilder s) {
        Instant at = r.getInstant();
        long epochSecond = at.getEpochSecond();
        if (epochSecond != second) {
            ZonedDateTime t = ZonedDateTime.ofInstant(Instant.ofEpochSecond(epochSecond), zone);
            StringBuilder d = new StringBuilder(20);
            d.append(t.getYear()).append('-');
            two(d, t.getMonthValue()).append('-');
            two(d, t.getDayOfMonth()).append('T');
            two(d, t.getHour()).append(':');
            two(d, t.getMinute()).append(':');
            two(d, t.getSecond()).append('.');
            int offset = t.getOffset().getTotalSeconds();
            StringBuilder o = new StringBuilder(5).append(offset < 0 ? '-' : '+');
            int abs = Math.abs(offset) / 60;
            two(two(o, abs / 60), abs % 60);
            second = epochSecond;
            secondText = d.toString();
            offsetText = o.toString();
        }
        int millis = at.getNano() / 1_000_000;
        s.append(secondText).append((char) ('0' + millis / 100)).append((char) ('0' + millis / 10 % 10))
                .append((char) ('0' + millis % 10)).append(offsetText).append(' ')
                .append(r.getLevel().getLocalizedName()).append(' ')
                .append(r.getLoggerName()).append(": ");
        Object[] parameters = r.getParameters();
        if (r.getResourceBundle() == null && (parameters == null || parameters.length == 0)) {
            s.append(r.getMessage());
        } else {
            s.append(new SimpleFormatter().formatMessage(r));
        }
        if (r.getThrown() != null) {
            StringWriter sw = new StringWriter();
            PrintWriter pw = new PrintWriter(sw);
            pw.println();
            r.getThrown().printStackTrace(pw);
            pw.close();
            s.append(sw);
        }
        s.append(System.lineSeparator());
    }

    private static StringBuilder two(StringBuilder s, int n) {
        return s.append((char) ('0' + n / 10)).append((char) ('0' + n % 10));
    }

    private void flushQuietly() {
        try {
            out.flush();
        } catch (IOException e) {
            reportError(null, e, ErrorManager.FLUSH_FAILURE);
        }
    }

    /** Waits until every record queued before this call is written and flushed. */
    @Override
    public void flush() {
        long target;
        synchronized (written) {
            target = queuedCount.get();
            try {
                while (writtenCount < target && writer.isAlive()) {
                    written.wait(100);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        synchronized (this) {
            flushQuietly();
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            queue.put(STOP);
            writer.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // Whatever a publisher queued while the writer was stopping.
        writeQueued();
    }

    private synchronized void writeQueued() {
        for (LogRecord r; (r = queue.poll()) != null; ) {
            if (r != STOP) {
                write(r);
            }
        }
        flushQuietly();
    }
}
