package io.jenkins.plugins.signedwebhook;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.jenkins.plugins.signedwebhook.core.event.Json;
import io.jenkins.plugins.signedwebhook.core.inbound.BodyDigest;
import io.jenkins.plugins.signedwebhook.core.inbound.DuplicateWindow;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The delivery ids that started builds, with the digest of their body, one JSON line each, appended and forced to disk before the sender is answered,
 * so a redelivery after a restart (or a crash) is still a duplicate. Rewritten without the expired lines at start and
 * whenever it has grown by {@code compactAfter} lines; a torn last line (a crash while appending) is skipped.
 */
final class AcceptedJournal implements AutoCloseable {
    private static final Logger LOGGER = Logger.getLogger(AcceptedJournal.class.getName());

    private final Path file;
    private final int keep;
    private final int compactAfter;
    private FileChannel channel;
    private int appendedSinceCompaction;

    /** @param keep at most this many newest entries survive a compaction (the duplicate window's bound) */
    AcceptedJournal(Path file, int keep, int compactAfter) {
        this.file = file;
        this.keep = keep;
        this.compactAfter = compactAfter;
    }

    /** The entries accepted at or after {@code since}, oldest first, one per id (the newest line of an id wins). */
    synchronized List<DuplicateWindow.Accepted> entriesSince(Instant since) throws IOException {
        return read(since);
    }

    /** Replaces the file's content with {@code entries}, atomically. */
    synchronized void replaceWith(List<DuplicateWindow.Accepted> entries) throws IOException {
        rewrite(entries);
    }

    /** Records one accepted delivery durably; on failure the caller's answer stands, and the loss is logged. */
    synchronized void append(DuplicateWindow.Accepted accepted, Instant expiredBefore) {
        try {
            if (channel == null) {
                Files.createDirectories(file.getParent());
                channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
            }
            ByteBuffer line = ByteBuffer.wrap(line(accepted));
            while (line.hasRemaining()) {
                channel.write(line);
            }
            channel.force(false);
            if (++appendedSinceCompaction >= compactAfter) {
                rewrite(read(expiredBefore));
            }
        } catch (IOException e) {
            LOGGER.log(Level.WARNING, "could not record accepted delivery " + accepted.deliveryId() + " in " + file
                    + "; a redelivery of it after a restart would build again", e);
            closeChannel();
        }
    }

    @Override
    public synchronized void close() {
        closeChannel();
    }

    private void closeChannel() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                LOGGER.log(Level.FINE, "closing " + file, e);
            }
            channel = null;
        }
    }

    private List<DuplicateWindow.Accepted> read(Instant since) throws IOException {
        if (!Files.exists(file)) {
            return List.of();
        }
        Map<String, DuplicateWindow.Accepted> byId = new LinkedHashMap<>();
        int unreadable = 0;
        for (String text : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (text.isBlank()) {
                continue;
            }
            DuplicateWindow.Accepted a = parse(text);
            if (a == null) {
                unreadable++;
            } else if (!a.acceptedAt().isBefore(since)) {
                byId.remove(a.deliveryId());
                byId.put(a.deliveryId(), a);
            }
        }
        if (unreadable > 0) {
            LOGGER.log(Level.WARNING, "skipped {0} unreadable line(s) of {1}", new Object[] {unreadable, file});
        }
        List<DuplicateWindow.Accepted> all = new ArrayList<>(byId.values());
        all.sort(Comparator.comparing(DuplicateWindow.Accepted::acceptedAt));
        return all.size() > keep ? List.copyOf(all.subList(all.size() - keep, all.size())) : all;
    }

    private void rewrite(List<DuplicateWindow.Accepted> entries) throws IOException {
        closeChannel();
        Files.createDirectories(file.getParent());
        Path tmp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
        try {
            try (OutputStream out = Files.newOutputStream(tmp, StandardOpenOption.WRITE)) {
                for (DuplicateWindow.Accepted a : entries) {
                    out.write(line(a));
                }
            }
            try (FileChannel c = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                c.force(true);
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
        appendedSinceCompaction = 0;
    }

    static byte[] line(DuplicateWindow.Accepted a) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(128);
        try (JsonGenerator json = Json.FACTORY.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("id", a.deliveryId());
            json.writeStringField("at", a.acceptedAt().toString());
            json.writeArrayFieldStart("started");
            for (String s : a.started()) {
                json.writeString(s);
            }
            json.writeEndArray();
            if (a.bodyDigest() != null) {
                json.writeStringField("body", a.bodyDigest().hex());
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("writing JSON to memory cannot fail", e);
        }
        out.write('\n');
        return out.toByteArray();
    }

    /** One line, or null when it is not a whole entry. */
    static DuplicateWindow.Accepted parse(String text) {
        try (JsonParser p = Json.FACTORY.createParser(text)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            String id = null;
            Instant at = null;
            List<String> started = new ArrayList<>();
            BodyDigest body = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                switch (field) {
                    case "id" -> id = value == JsonToken.VALUE_STRING ? p.getText() : null;
                    case "at" -> at = value == JsonToken.VALUE_STRING ? Instant.parse(p.getText()) : null;
                    // A line written before digests were kept has none, and counts by its id alone.
                    case "body" -> {
                        if (value != JsonToken.VALUE_STRING) {
                            return null;
                        }
                        body = BodyDigest.parse(p.getText()).orElse(null);
                        if (body == null) {
                            return null;
                        }
                    }
                    case "started" -> {
                        if (value != JsonToken.START_ARRAY) {
                            return null;
                        }
                        while (p.nextToken() == JsonToken.VALUE_STRING) {
                            started.add(p.getText());
                        }
                        if (p.currentToken() != JsonToken.END_ARRAY) {
                            return null;
                        }
                    }
                    default -> p.skipChildren();
                }
            }
            if (p.currentToken() != JsonToken.END_OBJECT || p.nextToken() != null || id == null || at == null) {
                return null;
            }
            return new DuplicateWindow.Accepted(id, at, started, body);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
