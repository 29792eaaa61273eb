package io.jenkins.plugins.signedwebhook.core.outbound.outbox;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Writes that a crash leaves whole or not at all: a temporary file, forced to disk, renamed over the old one. */
final class AtomicFiles {
    private static final Logger LOGGER = Logger.getLogger(AtomicFiles.class.getName());
    static final String TEMP_SUFFIX = ".tmp";

    private AtomicFiles() {}

    static void write(Path folder, Path target, byte[] bytes) throws IOException {
        Path temp = Files.createTempFile(folder, "." + target.getFileName(), TEMP_SUFFIX);
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
        forceDirectory(folder);
    }

    /** Makes a rename durable; platforms that cannot open a directory (Windows) make renames durable themselves. */
    static void forceDirectory(Path folder) {
        try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            LOGGER.log(Level.FINE, "Could not force directory " + folder + " to disk", e);
        }
    }
}
