package io.jenkins.plugins.signedwebhook;

import io.jenkins.plugins.signedwebhook.core.inbound.DeliveryLog;
import io.jenkins.plugins.signedwebhook.core.inbound.DeliveryRecord;
import io.jenkins.plugins.signedwebhook.core.inbound.DeliveryRecords;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps the delivery log across restarts in one JSON file. Saves are coalesced (at most one a second, whatever the
 * delivery rate, so a flood of bad deliveries cannot turn into a flood of disk writes), written to a temporary file
 * and moved into place, so a crash leaves the previous file whole.
 */
final class DeliveryLogStore {
    private static final Logger LOGGER = Logger.getLogger(DeliveryLogStore.class.getName());
    private static final long SAVE_DELAY_MS = 1000;

    private final Path file;
    private final AtomicBoolean pending = new AtomicBoolean();
    private final ScheduledExecutorService writer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "signed-webhook delivery log writer");
        t.setDaemon(true);
        return t;
    });

    DeliveryLogStore(Path file) {
        this.file = file;
    }

    /** The saved records, newest first; a missing file is an empty log, a corrupt one is set aside and logged. */
    List<DeliveryRecord> load() {
        if (!Files.exists(file)) {
            return List.of();
        }
        try (InputStream in = Files.newInputStream(file)) {
            return DeliveryRecords.read(in);
        } catch (IOException e) {
            Path aside = file.resolveSibling(file.getFileName() + ".corrupt-" + System.currentTimeMillis());
            LOGGER.log(Level.WARNING, "delivery log " + file + " could not be read; moved to " + aside + " and starting empty", e);
            try {
                Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException moveFailed) {
                LOGGER.log(Level.WARNING, "could not move the unreadable delivery log aside", moveFailed);
            }
            return List.of();
        }
    }

    /** Schedules a save of the log's state a second from now, unless one is already scheduled; at once after {@link #close}. */
    void saveSoon(DeliveryLog log) {
        if (!pending.compareAndSet(false, true)) {
            return;
        }
        try {
            writer.schedule(() -> {
                pending.set(false);
                save(log.recent());
            }, SAVE_DELAY_MS, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException closed) {
            pending.set(false);
            save(log.recent());
        }
    }

    /** Writes a save still scheduled now and stops the writer thread, so Jenkins stops with nothing of the log lost. */
    void close(DeliveryLog log) {
        // Not shutdownNow: an interrupted save would close its file channel and lose the records it was writing.
        writer.shutdown();
        try {
            writer.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        writer.shutdownNow();
        pending.set(false);
        save(log.recent());
    }

    void save(List<DeliveryRecord> records) {
        try {
            Files.createDirectories(file.getParent());
            Path tmp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
            try {
                try (OutputStream out = Files.newOutputStream(tmp, StandardOpenOption.WRITE)) {
                    DeliveryRecords.write(records, out);
                }
                try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                    channel.force(true);
                }
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            LOGGER.log(Level.WARNING, "could not save the delivery log to " + file, e);
        }
    }
}
