package io.jenkins.plugins.signedwebhook.receiver.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Copies the write-ahead log into the database file from a thread and connection of its own (SQLite's PASSIVE
 * checkpoint, which never waits for and never blocks the writer). Left to SQLite's automatic checkpoint, that copy and
 * its two fsync calls ran inside a delivery's commit every 4 MiB of log, with every waiting delivery behind it.
 */
final class Checkpointer implements AutoCloseable {
    private static final Logger LOGGER = Logger.getLogger(Checkpointer.class.getName());
    private final Connection connection;
    private final ScheduledExecutorService thread;
    private boolean failing;

    private Checkpointer(Connection connection, Duration every) {
        this.connection = connection;
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sqlite-checkpoint");
            t.setDaemon(true);
            return t;
        });
        thread.scheduleWithFixedDelay(this::checkpoint, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    static Checkpointer start(String url, Duration every) throws SQLException {
        return new Checkpointer(DriverManager.getConnection(url), every);
    }

    /** One PASSIVE checkpoint now (frames written meanwhile are left for the next). */
    synchronized void checkpoint() {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("PRAGMA wal_checkpoint(PASSIVE)")) {
            if (failing) {
                failing = false;
                LOGGER.info("checkpoints of receiver.db work again");
            }
        } catch (SQLException | RuntimeException e) {
            // Said once, not every interval (and never thrown: that would end the schedule); the writer's own
            // checkpoint past the size limit still bounds the log.
            if (!failing) {
                failing = true;
                LOGGER.log(Level.WARNING, "cannot checkpoint receiver.db: " + e.getMessage());
            }
        }
    }

    @Override
    public void close() throws SQLException {
        thread.shutdown();
        try {
            thread.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            connection.close();
        }
    }
}
