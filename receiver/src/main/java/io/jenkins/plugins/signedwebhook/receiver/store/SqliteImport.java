package io.jenkins.plugins.signedwebhook.receiver.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Stream;
import org.sqlite.SQLiteConfig;

/**
 * Moves a single receiver to a shared PostgreSQL store: copies the delivery ids, the runs (queued and finished) and the
 * callbacks (pending and given up) of a stopped receiver's {@code receiver.db} into a database no replica has used yet,
 * in one transaction, so that a copy cut short copies nothing.
 */
public final class SqliteImport {
    private static final List<String> RUN_COLUMNS = List.of("hook", "delivery", "state", "variables", "repository", "ref",
            "commit_sha", "queued_at", "started_at", "finished_at", "exit_code", "log_path", "pid", "pid_start",
            "interrupted_by");
    private static final List<String> DELIVERY_COLUMNS = List.of("hook", "id", "accepted_at", "started");
    private static final List<String> OUTBOX_COLUMNS = List.of("id", "target", "body", "secret_ref", "created_at",
            "attempts", "next_attempt_at", "last_error", "stop_reason");

    private SqliteImport() {}

    /** What was copied. */
    public record Copied(long deliveries, long runs, long callbacks) {}

    /**
     * @throws IOException if the file cannot be read, holds a run still running (the receiver was not stopped, or
     *     crashed: start it once more and stop it, so that it recovers the run), or the target already holds runs
     */
    public static Copied copy(Path sqliteFile, Database target) throws IOException {
        if (target.dialect() != Database.Dialect.POSTGRES) {
            throw new IOException("import: the configured store must be store.postgres");
        }
        if (!Files.isReadable(sqliteFile)) {
            throw new IOException("import: cannot read " + sqliteFile);
        }
        SQLiteConfig readOnly = new SQLiteConfig();
        readOnly.setReadOnly(true);
        try (Connection source = DriverManager.getConnection("jdbc:sqlite:" + sqliteFile.toAbsolutePath(),
                readOnly.toProperties()); Statement s = source.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM runs WHERE state = 'running'")) {
                rs.next();
                if (rs.getLong(1) > 0) {
                    throw new IOException("import: " + sqliteFile + " has " + rs.getLong(1) + " run(s) still running:"
                            + " start that receiver once more so that it recovers them, stop it, then import");
                }
            }
            Copied[] copied = new Copied[1];
            try {
                // Under the schema lock: a second import, or a replica's migration at its start, waits for this one.
                target.underSchemaLock(lock -> {
                    if (target.count("SELECT count(*) FROM runs") > 0) {
                        throw new IOException("import: the PostgreSQL database already holds runs; import into a"
                                + " database no replica has used yet");
                    }
                    // A file last written before body digests were kept has no such column: its ids still count.
                    List<String> deliveryColumns = hasColumn(s, "deliveries", "body_digest")
                            ? Stream.concat(DELIVERY_COLUMNS.stream(), Stream.of("body_digest")).toList() : DELIVERY_COLUMNS;
                    long deliveries = copyRows(s, target, "deliveries", deliveryColumns, " ON CONFLICT DO NOTHING");
                    long runs = copyRows(s, target, "runs", RUN_COLUMNS, "");
                    long callbacks = copyRows(s, target, "outbox", OUTBOX_COLUMNS, " ON CONFLICT DO NOTHING");
                    copied[0] = new Copied(deliveries, runs, callbacks);
                });
            } catch (IOException e) {
                throw e.getMessage() != null && e.getMessage().startsWith("import: ") ? e
                        : new IOException("import: " + e.getMessage(), e);
            }
            return copied[0];
        } catch (SQLException e) {
            throw new IOException("import: cannot read " + sqliteFile + ": " + e.getMessage(), e);
        }
    }

    private static boolean hasColumn(Statement source, String table, String column) throws SQLException {
        try (ResultSet rs = source.executeQuery("PRAGMA table_info(" + table + ")")) {
            while (rs.next()) {
                if (column.equals(rs.getString("name"))) {
                    return true;
                }
            }
            return false;
        }
    }

    /** Every row of {@code table}, in the order it was written, with the same values in {@code columns}. */
    private static long copyRows(Statement source, Database target, String table, List<String> columns, String onConflict)
            throws SQLException {
        String names = String.join(", ", columns);
        String marks = String.join(", ", columns.stream().map(c -> "?").toList());
        PreparedStatement insert = target.statement("INSERT INTO " + table + " (" + names + ") VALUES (" + marks + ")"
                + onConflict);
        long copied = 0;
        try (ResultSet rs = source.executeQuery("SELECT " + names + " FROM " + table + " ORDER BY rowid")) {
            while (rs.next()) {
                for (int i = 1; i <= columns.size(); i++) {
                    insert.setObject(i, rs.getObject(i));
                }
                insert.addBatch();
                copied++;
            }
        }
        insert.executeBatch();
        return copied;
    }
}
