package io.jenkins.plugins.signedwebhook.core.outbound.outbox;

import io.jenkins.plugins.signedwebhook.core.outbound.Callback;
import io.jenkins.plugins.signedwebhook.core.outbound.StopReason;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * An outbox of one JSON file per message in a directory (for Jenkins, under {@code JENKINS_HOME}):
 * {@code <id>.json} while pending, {@code dead/<id>.json} once given up, {@code corrupt/} for files that could
 * not be read. Every write goes to a temporary file, is forced to disk and renamed atomically over the old one,
 * so a crash leaves either the old or the new record, never half of one.
 */
public final class FileOutbox implements Outbox {
    private static final Logger LOGGER = Logger.getLogger(FileOutbox.class.getName());
    private static final String SUFFIX = ".json";
    private static final String TEMP_SUFFIX = AtomicFiles.TEMP_SUFFIX;

    private final Path directory;
    private final Path dead;
    private final Path corrupt;

    /** Creates the directories if needed and deletes temporary files a crash left behind. */
    public FileOutbox(Path directory) throws IOException {
        this.directory = directory;
        this.dead = directory.resolve("dead");
        this.corrupt = directory.resolve("corrupt");
        Files.createDirectories(dead);
        Files.createDirectories(corrupt);
        for (Path folder : List.of(directory, dead)) {
            try (DirectoryStream<Path> temps = Files.newDirectoryStream(folder, "*" + TEMP_SUFFIX)) {
                for (Path temp : temps) {
                    Files.deleteIfExists(temp);
                }
            }
        }
    }

    @Override
    public void add(OutboxRecord record) throws IOException {
        if (Files.exists(pendingFile(record.id())) || Files.exists(deadFile(record.id()))) {
            throw new IOException("outbox already holds a message with id " + record.id());
        }
        AtomicFiles.write(directory, pendingFile(record.id()), OutboxJson.write(record, Optional.empty()));
    }

    @Override
    public List<OutboxRecord> pending() throws IOException {
        List<OutboxRecord> records = new ArrayList<>();
        for (OutboxJson.Entry entry : readAll(directory)) {
            records.add(entry.record());
        }
        records.sort(Comparator.comparing(OutboxRecord::nextAttemptAt).thenComparing(OutboxRecord::id));
        return records;
    }

    @Override
    public Optional<OutboxRecord> find(String id) throws IOException {
        return read(pendingFile(id)).map(OutboxJson.Entry::record);
    }

    @Override
    public void update(OutboxRecord record) throws IOException {
        if (!Files.exists(pendingFile(record.id()))) {
            throw new NoSuchFileException(pendingFile(record.id()).toString(), null, "no pending message with this id");
        }
        AtomicFiles.write(directory, pendingFile(record.id()), OutboxJson.write(record, Optional.empty()));
    }

    @Override
    public void remove(String id) throws IOException {
        Files.deleteIfExists(pendingFile(id));
        AtomicFiles.forceDirectory(directory);
    }

    @Override
    public void bury(DeadLetter deadLetter) throws IOException {
        String id = deadLetter.record().id();
        AtomicFiles.write(dead, deadFile(id), OutboxJson.write(deadLetter.record(), Optional.of(deadLetter.reason())));
        Files.deleteIfExists(pendingFile(id));
        AtomicFiles.forceDirectory(directory);
    }

    @Override
    public List<DeadLetter> deadLetters() throws IOException {
        List<DeadLetter> letters = new ArrayList<>();
        for (OutboxJson.Entry entry : readAll(dead)) {
            letters.add(new DeadLetter(entry.record(), entry.stopReason().orElse(StopReason.ATTEMPTS_EXHAUSTED)));
        }
        letters.sort(Comparator.comparing(letter -> letter.record().id()));
        return letters;
    }

    /** The dead letter with {@code id}, if there is one. */
    public Optional<DeadLetter> findDeadLetter(String id) throws IOException {
        return read(deadFile(id)).map(entry ->
                new DeadLetter(entry.record(), entry.stopReason().orElse(StopReason.ATTEMPTS_EXHAUSTED)));
    }

    private List<OutboxJson.Entry> readAll(Path folder) throws IOException {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(folder, "*" + SUFFIX)) {
            stream.forEach(files::add);
        }
        List<OutboxJson.Entry> entries = new ArrayList<>();
        for (Path file : files) {
            read(file).ifPresent(entries::add);
        }
        return entries;
    }

    private Optional<OutboxJson.Entry> read(Path file) throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            // Delivered or buried by another thread between listing and reading.
            return Optional.empty();
        }
        String expectedId = file.getFileName().toString();
        expectedId = expectedId.substring(0, expectedId.length() - SUFFIX.length());
        try {
            OutboxJson.Entry entry = OutboxJson.read(bytes);
            if (!entry.record().id().equals(expectedId)) {
                throw new IOException("holds id " + entry.record().id());
            }
            return Optional.of(entry);
        } catch (IOException | RuntimeException e) {
            setAside(file, e);
            return Optional.empty();
        }
    }

    private void setAside(Path file, Exception why) throws IOException {
        Path target = corrupt.resolve(file.getFileName().toString());
        Files.move(file, target, StandardCopyOption.REPLACE_EXISTING);
        LOGGER.log(Level.WARNING, "Outbox file {0} could not be read and was moved to {1}: {2}", new Object[] {
            file, target, why.getClass().getSimpleName() + ": " + why.getMessage()
        });
    }

    private Path pendingFile(String id) {
        return directory.resolve(checkedName(id));
    }

    private Path deadFile(String id) {
        return dead.resolve(checkedName(id));
    }

    private static String checkedName(String id) {
        if (!Callback.ID_PATTERN.matcher(id).matches()) {
            throw new IllegalArgumentException("id: not a message id, so not an outbox file name");
        }
        return id + SUFFIX;
    }

    @Override
    public String toString() {
        return "FileOutbox[" + directory + "]";
    }
}
