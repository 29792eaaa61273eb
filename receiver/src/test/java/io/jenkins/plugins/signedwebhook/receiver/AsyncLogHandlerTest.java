package io.jenkins.plugins.signedwebhook.receiver;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.time.Instant;
import java.time.ZoneId;
import java.util.TimeZone;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.SimpleFormatter;
import org.junit.jupiter.api.Test;

class AsyncLogHandlerTest {
    @Test
    void writesWhatSimpleFormatterWritesWithTheReceiversFormat() {
        String before = System.getProperty("java.util.logging.SimpleFormatter.format");
        TimeZone zone = TimeZone.getDefault();
        System.setProperty("java.util.logging.SimpleFormatter.format", AsyncLogHandler.FORMAT);
        try {
            for (String id : new String[] {"UTC", "America/St_Johns", "Asia/Kolkata"}) {
                TimeZone.setDefault(TimeZone.getTimeZone(id));
                SimpleFormatter reference = new SimpleFormatter();
                AsyncLogHandler handler = new AsyncLogHandler(new ByteArrayOutputStream(), ZoneId.of(id));
                try {
                    for (LogRecord r : records()) {
                        StringBuilder ours = new StringBuilder();
                        handler.format(r, ours);
                        assertThat(ours.toString()).as(id).isEqualTo(reference.format(r));
                    }
                } finally {
                    handler.close();
                }
            }
        } finally {
            TimeZone.setDefault(zone);
            if (before == null) {
                System.clearProperty("java.util.logging.SimpleFormatter.format");
            } else {
                System.setProperty("java.util.logging.SimpleFormatter.format", before);
            }
        }
    }

    private static LogRecord[] records() {
        LogRecord plain = record(Level.INFO, "delivery hook=app id=1 result=accepted", Instant.parse("2026-11-25T06:11:09.007Z"));
        LogRecord warning = record(Level.WARNING, "could not store", Instant.parse("2026-01-01T00:00:00.999Z"));
        warning.setThrown(new IllegalStateException("disk full"));
        LogRecord parameters = record(Level.INFO, "run {0} of {1}", Instant.parse("2026-06-30T23:59:59.120Z"));
        parameters.setParameters(new Object[] {7, "app"});
        LogRecord sameSecond = record(Level.SEVERE, "later", Instant.parse("2026-06-30T23:59:59.999Z"));
        return new LogRecord[] {plain, warning, parameters, sameSecond};
    }

    private static LogRecord record(Level level, String message, Instant at) {
        LogRecord r = new LogRecord(level, message);
        r.setLoggerName("io.jenkins.plugins.signedwebhook.receiver.Receiver");
        r.setInstant(at);
        return r;
    }

    @Test
    void writesEveryRecordInOrderByFlushAndAfterClose() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        AsyncLogHandler handler = new AsyncLogHandler(out, ZoneId.of("UTC"));
        for (int i = 0; i < 20_000; i++) {
            handler.publish(record(Level.INFO, "line " + i, Instant.EPOCH));
        }
        handler.publish(record(Level.FINE, "below the level", Instant.EPOCH));
        handler.flush();
        String[] lines = out.toString(Charset.defaultCharset()).split(System.lineSeparator());
        assertThat(lines).hasSize(20_000);
        assertThat(lines[0]).endsWith(": line 0");
        assertThat(lines[19_999]).endsWith(": line 19999");
        handler.close();
        handler.publish(record(Level.INFO, "after close", Instant.EPOCH));
        assertThat(out.toString(Charset.defaultCharset())).endsWith(": after close" + System.lineSeparator());
    }

    @Test
    void writesALineOnItsOwnWithoutFlushWhenTheReceiverIsQuiet() throws InterruptedException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        AsyncLogHandler handler = new AsyncLogHandler(out, ZoneId.of("UTC"));
        try {
            for (String line : new String[] {"first after start", "second, after a quiet spell"}) {
                handler.publish(record(Level.INFO, line, Instant.EPOCH));
                long deadline = System.nanoTime() + 5_000_000_000L;
                while (!written(out).contains(line) && System.nanoTime() < deadline) {
                    Thread.sleep(1);
                }
                assertThat(written(out)).contains(": " + line + System.lineSeparator());
                Thread.sleep(3 * AsyncLogHandler.LINGER_MILLIS);
            }
        } finally {
            handler.close();
        }
    }

    private static String written(ByteArrayOutputStream out) {
        return out.toString(Charset.defaultCharset());
    }
}
