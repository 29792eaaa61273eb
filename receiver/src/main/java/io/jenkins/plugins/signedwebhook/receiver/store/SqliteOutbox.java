package io.jenkins.plugins.signedwebhook.receiver.store;

import io.jenkins.plugins.signedwebhook.core.outbound.OutboundMessage;
import io.jenkins.plugins.signedwebhook.core.outbound.StopReason;
import io.jenkins.plugins.signedwebhook.core.outbound.outbox.DeadLetter;
import io.jenkins.plugins.signedwebhook.core.outbound.outbox.Outbox;
import io.jenkins.plugins.signedwebhook.core.outbound.outbox.OutboxRecord;
import java.io.IOException;
import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The core's {@link Outbox} in the receiver's SQLite file: pending rows have no stop reason, dead letters have one. */
public final class SqliteOutbox implements Outbox {
    private static final String COLUMNS =
            "id, target, body, secret_ref, created_at, attempts, next_attempt_at, last_error, stop_reason";
    private final Database db;

    public SqliteOutbox(Database db) {
        this.db = db;
    }

    @Override
    public void add(OutboxRecord record) throws IOException {
        write("INSERT INTO outbox (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL)", record, null);
    }

    @Override
    public List<OutboxRecord> pending() throws IOException {
        List<OutboxRecord> out = new ArrayList<>();
        for (Row row : query("SELECT " + COLUMNS + " FROM outbox WHERE stop_reason IS NULL ORDER BY next_attempt_at", null)) {
            out.add(row.record());
        }
        return out;
    }

    @Override
    public Optional<OutboxRecord> find(String id) throws IOException {
        return query("SELECT " + COLUMNS + " FROM outbox WHERE stop_reason IS NULL AND id = ?", id).stream()
                .map(Row::record)
                .findFirst();
    }

    @Override
    public void update(OutboxRecord record) throws IOException {
        write("INSERT OR REPLACE INTO outbox (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL)", record, null);
    }

    @Override
    public void remove(String id) throws IOException {
        synchronized (db) {
            try (PreparedStatement s = db.connection().prepareStatement("DELETE FROM outbox WHERE id = ?")) {
                s.setString(1, id);
                s.executeUpdate();
            } catch (SQLException e) {
                throw new IOException("outbox: " + e.getMessage(), e);
            }
        }
    }

    @Override
    public void bury(DeadLetter deadLetter) throws IOException {
        write("INSERT OR REPLACE INTO outbox (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", deadLetter.record(),
                deadLetter.reason());
    }

    @Override
    public List<DeadLetter> deadLetters() throws IOException {
        List<DeadLetter> out = new ArrayList<>();
        for (Row row : query("SELECT " + COLUMNS + " FROM outbox WHERE stop_reason IS NOT NULL ORDER BY created_at", null)) {
            out.add(new DeadLetter(row.record(), StopReason.valueOf(row.stopReason())));
        }
        return out;
    }

    /** Callbacks still to deliver (not dead letters). */
    public long countPending() throws IOException {
        return db.count("SELECT count(*) FROM outbox WHERE stop_reason IS NULL");
    }

    /** Deletes the dead letters created before {@code before}, in batches; pending messages stay. Returns how many. */
    public long pruneDeadLettersBefore(Instant before) throws IOException {
        try {
            return db.deleteInBatches("DELETE FROM outbox WHERE rowid IN (SELECT rowid FROM outbox"
                    + " WHERE stop_reason IS NOT NULL AND created_at < ? LIMIT " + Database.DELETE_BATCH + ")", before);
        } catch (IOException e) {
            throw new IOException("outbox: " + e.getMessage(), e);
        }
    }

    private void write(String sql, OutboxRecord r, StopReason reason) throws IOException {
        synchronized (db) {
            try (PreparedStatement s = db.connection().prepareStatement(sql)) {
                OutboundMessage m = r.message();
                s.setString(1, m.id());
                s.setString(2, m.target().toString());
                s.setString(3, m.body());
                s.setString(4, m.secretReference());
                s.setLong(5, m.createdAt().toEpochMilli());
                s.setInt(6, r.attempts());
                s.setLong(7, r.nextAttemptAt().toEpochMilli());
                s.setString(8, r.lastError().orElse(null));
                if (reason != null) {
                    s.setString(9, reason.name());
                }
                s.executeUpdate();
            } catch (SQLException e) {
                throw new IOException("outbox: " + e.getMessage(), e);
            }
        }
    }

    private record Row(OutboxRecord record, String stopReason) {}

    private List<Row> query(String sql, String id) throws IOException {
        synchronized (db) {
            Connection c = db.connection();
            try (PreparedStatement s = c.prepareStatement(sql)) {
                if (id != null) {
                    s.setString(1, id);
                }
                List<Row> rows = new ArrayList<>();
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        OutboundMessage m = new OutboundMessage(rs.getString(1), URI.create(rs.getString(2)),
                                rs.getString(3), rs.getString(4), Instant.ofEpochMilli(rs.getLong(5)));
                        rows.add(new Row(new OutboxRecord(m, rs.getInt(6), Instant.ofEpochMilli(rs.getLong(7)),
                                Optional.ofNullable(rs.getString(8))), rs.getString(9)));
                    }
                }
                return rows;
            } catch (SQLException e) {
                throw new IOException("outbox: " + e.getMessage(), e);
            }
        }
    }
}
