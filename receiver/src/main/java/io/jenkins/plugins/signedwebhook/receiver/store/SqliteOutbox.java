package io.jenkins.plugins.signedwebhook.receiver.store;

import io.jenkins.plugins.signedwebhook.core.outbound.OutboundMessage;
import io.jenkins.plugins.signedwebhook.core.outbound.StopReason;
import io.jenkins.plugins.signedwebhook.core.outbound.outbox.DeadLetter;
import io.jenkins.plugins.signedwebhook.core.outbound.outbox.Outbox;
import io.jenkins.plugins.signedwebhook.core.outbound.outbox.OutboxRecord;
import java.io.IOException;
import java.net.URI;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The core's {@link Outbox} in the receiver's store (SQLite or PostgreSQL): pending rows have no stop reason, dead letters have one. */
public final class SqliteOutbox implements Outbox {
    private static final String COLUMNS =
            "id, target, body, secret_ref, created_at, attempts, next_attempt_at, last_error, stop_reason";
    /** Every column but the id rewritten, in the words SQLite and PostgreSQL share. */
    private static final String REPLACING = " ON CONFLICT (id) DO UPDATE SET target = excluded.target,"
            + " body = excluded.body, secret_ref = excluded.secret_ref, created_at = excluded.created_at,"
            + " attempts = excluded.attempts, next_attempt_at = excluded.next_attempt_at,"
            + " last_error = excluded.last_error, stop_reason = excluded.stop_reason";
    private final Database db;

    public SqliteOutbox(Database db) {
        this.db = db;
    }

    @Override
    public void add(OutboxRecord record) throws IOException {
        write("INSERT INTO outbox (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL)", record, null, null);
        Optional<Database.Replica> replica = db.replica();
        if (replica.isPresent()) {
            // Sent by the replica that made it, unless it dies: then by another once the claim runs out.
            synchronized (db) {
                try {
                    PreparedStatement s = db.statement("UPDATE outbox SET owner = ?, claimed_until = " + Database.DB_NOW
                            + " + ? WHERE id = ?");
                    s.setString(1, replica.get().id());
                    s.setLong(2, replica.get().lease().toMillis());
                    s.setString(3, record.id());
                    s.executeUpdate();
                } catch (SQLException e) {
                    throw new IOException("outbox: " + e.getMessage(), e);
                }
            }
        }
    }

    /**
     * Every message still to deliver, soonest due first. On a shared database only those this replica holds: its own,
     * whose claim each call renews, and those whose replica's claim ran out (taken over, with their original id).
     */
    @Override
    public List<OutboxRecord> pending() throws IOException {
        Optional<Database.Replica> replica = db.replica();
        List<Row> rows;
        if (replica.isPresent()) {
            // Only the rows whose claim changes are written: those free or run out, and this replica's own once less
            // than half their claim is left; the rest of its own are read as they are.
            rows = query("WITH claimed AS (UPDATE outbox SET owner = ?, claimed_until = " + Database.DB_NOW + " + ?"
                    + " WHERE id IN (SELECT id FROM outbox WHERE stop_reason IS NULL AND (owner IS NULL"
                    + " OR claimed_until < " + Database.DB_NOW + " OR (owner = ? AND claimed_until < " + Database.DB_NOW
                    + " + ?)) FOR UPDATE SKIP LOCKED) RETURNING " + COLUMNS + ")"
                    + " SELECT " + COLUMNS + " FROM claimed UNION ALL SELECT " + COLUMNS + " FROM outbox"
                    + " WHERE stop_reason IS NULL AND owner = ? AND id NOT IN (SELECT id FROM claimed)", s -> {
                        s.setString(1, replica.get().id());
                        s.setLong(2, replica.get().lease().toMillis());
                        s.setString(3, replica.get().id());
                        s.setLong(4, replica.get().lease().toMillis() / 2);
                        s.setString(5, replica.get().id());
                    });
        } else {
            rows = query("SELECT " + COLUMNS + " FROM outbox WHERE stop_reason IS NULL ORDER BY next_attempt_at", s -> {});
        }
        return rows.stream().map(Row::record).sorted(java.util.Comparator.comparing(OutboxRecord::nextAttemptAt)).toList();
    }

    @Override
    public Optional<OutboxRecord> find(String id) throws IOException {
        return query("SELECT " + COLUMNS + " FROM outbox WHERE stop_reason IS NULL AND id = ?", s -> s.setString(1, id)).stream()
                .map(Row::record)
                .findFirst();
    }

    /** On a shared database only by the replica that holds the message: one that delivered it may have removed it. */
    @Override
    public void update(OutboxRecord record) throws IOException {
        if (db.replica().isPresent()) {
            write(OWNED, record, null, db.replica().get().id());
        } else {
            write("INSERT INTO outbox (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL)" + REPLACING, record, null, null);
        }
    }

    /** Every column but the id rewritten, where the row is still there and held by the replica given last. */
    private static final String OWNED = "UPDATE outbox SET target = v.target, body = v.body, secret_ref = v.secret_ref,"
            + " created_at = v.created_at, attempts = v.attempts, next_attempt_at = v.next_attempt_at,"
            + " last_error = v.last_error, stop_reason = v.stop_reason FROM (VALUES (?, ?, ?, ?, ?::bigint, ?::integer,"
            + " ?::bigint, ?, ?)) AS v (" + COLUMNS + ") WHERE outbox.id = v.id AND outbox.owner = ?";

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
        if (db.replica().isPresent()) {
            write(OWNED, deadLetter.record(), deadLetter.reason(), db.replica().get().id());
        } else {
            write("INSERT INTO outbox (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)" + REPLACING,
                    deadLetter.record(), deadLetter.reason(), null);
        }
    }

    @Override
    public List<DeadLetter> deadLetters() throws IOException {
        List<DeadLetter> out = new ArrayList<>();
        for (Row row : query("SELECT " + COLUMNS + " FROM outbox WHERE stop_reason IS NOT NULL ORDER BY created_at", s -> {})) {
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
            return db.deleteInBatches("outbox", "stop_reason IS NOT NULL AND created_at < ?", before);
        } catch (IOException e) {
            throw new IOException("outbox: " + e.getMessage(), e);
        }
    }

    /** @param owner the replica that must hold the row ({@link #OWNED}), or null */
    private void write(String sql, OutboxRecord r, StopReason reason, String owner) throws IOException {
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
                if (reason != null || owner != null) {
                    s.setString(9, reason == null ? null : reason.name());
                }
                if (owner != null) {
                    s.setString(10, owner);
                }
                s.executeUpdate();
            } catch (SQLException e) {
                throw new IOException("outbox: " + e.getMessage(), e);
            }
        }
    }

    private record Row(OutboxRecord record, String stopReason) {}

    private interface Binder {
        void bind(PreparedStatement s) throws SQLException;
    }

    private List<Row> query(String sql, Binder binder) throws IOException {
        synchronized (db) {
            try (PreparedStatement s = db.connection().prepareStatement(sql)) {
                binder.bind(s);
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
