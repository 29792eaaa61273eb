package io.jenkins.plugins.signedwebhook.core.outbound.outbox;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.jenkins.plugins.signedwebhook.core.outbound.Callback;
import io.jenkins.plugins.signedwebhook.core.outbound.StopReason;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Receipts of awaited messages, one JSON file per id in a directory: written as {@link Receipt.Awaiting} before the
 * message enters the outbox, replaced by its outcome before it leaves, deleted when the waiter has collected it.
 * So an outcome reached while nobody listens (a restart between) waits here for the waiter. Writes are atomic.
 *
 * <pre>{@code
 * receipts.expect(id, now);                  // then outbox.add(...)
 * drain.beforeSettling((s, last) -> receipts.settle(Receipt.of(s, last, clock.instant())));
 * receipts.find(id);                         // the waiter, also after a restart
 * receipts.collect(id);
 * }</pre>
 */
public final class FileReceipts {
    private static final Logger LOGGER = Logger.getLogger(FileReceipts.class.getName());
    private static final int VERSION = 1;
    private static final String SUFFIX = ".json";

    private final Path directory;

    /** Creates the directory if needed and deletes temporary files a crash left behind. */
    public FileReceipts(Path directory) throws IOException {
        this.directory = directory;
        Files.createDirectories(directory);
        try (DirectoryStream<Path> temps = Files.newDirectoryStream(directory, "*" + AtomicFiles.TEMP_SUFFIX)) {
            for (Path temp : temps) {
                Files.deleteIfExists(temp);
            }
        }
    }

    /** Records that someone waits for message {@code id}; durable when this returns. */
    public synchronized void expect(String id, Instant now) throws IOException {
        AtomicFiles.write(directory, file(id), json(new Receipt.Awaiting(id, now)));
    }

    /** Stores {@code outcome} if its message is awaited (an expected or settled receipt exists); else does nothing. */
    public synchronized boolean settle(Receipt outcome) throws IOException {
        if (!Files.exists(file(outcome.id()))) {
            return false;
        }
        AtomicFiles.write(directory, file(outcome.id()), json(outcome));
        return true;
    }

    /** The receipt of {@code id}; empty if none, or if its file could not be read (it is then deleted). */
    public synchronized Optional<Receipt> find(String id) throws IOException {
        return read(file(id));
    }

    /** Forgets the receipt of {@code id}: its waiter has what it needs. */
    public synchronized void collect(String id) throws IOException {
        Files.deleteIfExists(file(id));
        AtomicFiles.forceDirectory(directory);
    }

    /** Deletes receipts written before {@code cutoff}, whose waiters are gone (their builds deleted or aborted). */
    public synchronized int prune(Instant cutoff) throws IOException {
        int pruned = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*" + SUFFIX)) {
            for (Path file : files) {
                Optional<Receipt> receipt = read(file);
                if (receipt.isPresent() && receipt.get().at().isBefore(cutoff)) {
                    Files.deleteIfExists(file);
                    pruned++;
                }
            }
        }
        return pruned;
    }

    private Path file(String id) {
        if (!Callback.ID_PATTERN.matcher(id).matches()) {
            throw new IllegalArgumentException("id: not a message id, so not a receipt file name");
        }
        return directory.resolve(id + SUFFIX);
    }

    private Optional<Receipt> read(Path file) throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        try {
            Receipt receipt = parse(bytes);
            if (!file.getFileName().toString().equals(receipt.id() + SUFFIX)) {
                throw new IOException("holds id " + receipt.id());
            }
            return Optional.of(receipt);
        } catch (IOException | RuntimeException e) {
            // A receipt only repeats what the drain decided; one that cannot be read is worth nothing to keep.
            Files.deleteIfExists(file);
            LOGGER.log(Level.WARNING, "Receipt {0} could not be read and was deleted: {1}",
                    new Object[] {file, e.getClass().getSimpleName() + ": " + e.getMessage()});
            return Optional.empty();
        }
    }

    static byte[] json(Receipt receipt) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator json = new JsonFactory().createGenerator(out)) {
            json.useDefaultPrettyPrinter();
            json.writeStartObject();
            json.writeNumberField("version", VERSION);
            json.writeStringField("id", receipt.id());
            json.writeStringField("at", receipt.at().toString());
            if (receipt instanceof Receipt.Delivered delivered) {
                json.writeStringField("state", "delivered");
                json.writeNumberField("attempts", delivered.attempts());
                writeStatus(json, delivered.httpStatus());
            } else if (receipt instanceof Receipt.GaveUp gaveUp) {
                json.writeStringField("state", "gave_up");
                json.writeNumberField("attempts", gaveUp.attempts());
                json.writeStringField("stop_reason", gaveUp.reason().name());
                writeStatus(json, gaveUp.httpStatus());
                if (gaveUp.lastError().isPresent()) {
                    json.writeStringField("last_error", gaveUp.lastError().get());
                }
            } else {
                json.writeStringField("state", "awaiting");
            }
            json.writeEndObject();
        }
        return out.toByteArray();
    }

    private static void writeStatus(JsonGenerator json, OptionalInt status) throws IOException {
        if (status.isPresent()) {
            json.writeNumberField("http_status", status.getAsInt());
        }
    }

    static Receipt parse(byte[] bytes) throws IOException {
        Map<String, Object> fields = OutboxJson.flatObject(bytes);
        if (!Long.valueOf(VERSION).equals(fields.get("version"))) {
            throw new IOException("unknown version " + fields.get("version"));
        }
        String id = OutboxJson.string(fields, "id");
        Instant at = Instant.parse(OutboxJson.string(fields, "at"));
        Integer httpStatus = OutboxJson.optionalInt(fields, "http_status");
        OptionalInt status = httpStatus == null ? OptionalInt.empty() : OptionalInt.of(httpStatus);
        return switch (OutboxJson.string(fields, "state")) {
            case "awaiting" -> new Receipt.Awaiting(id, at);
            case "delivered" -> new Receipt.Delivered(id, OutboxJson.requiredInt(fields, "attempts"), status, at);
            case "gave_up" -> new Receipt.GaveUp(id, OutboxJson.requiredInt(fields, "attempts"),
                    StopReason.valueOf(OutboxJson.string(fields, "stop_reason")), status,
                    OutboxJson.optionalString(fields, "last_error"), at);
            default -> throw new IOException("unknown state " + fields.get("state"));
        };
    }



    @Override
    public String toString() {
        return "FileReceipts[" + directory + "]";
    }
}
