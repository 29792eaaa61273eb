package io.jenkins.plugins.signedwebhook.receiver.store;

import io.jenkins.plugins.signedwebhook.core.inbound.BodyDigest;
import java.io.IOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Delivery ids that started a run, per hook, with the digest of their body, so a redelivery after a restart, or the
 * body replayed under a new id, is still refused.
 */
public final class DeliveryStore {
    private final Database db;

    public DeliveryStore(Database db) {
        this.db = db;
    }

    /** @param bodyDigest null for a row stored before digests were kept */
    public record Accepted(String id, Instant at, List<String> started, BodyDigest bodyDigest) {}

    /** @param bodyDigest null when the engine gave none */
    public void recordAccepted(String hook, String id, Instant at, List<String> started, BodyDigest bodyDigest)
            throws IOException {
        synchronized (db) {
            try {
                PreparedStatement s = db.statement("INSERT OR REPLACE INTO deliveries (hook, id, accepted_at, started,"
                        + " body_digest) VALUES (?, ?, ?, ?, ?)");
                s.setString(1, hook);
                s.setString(2, id);
                s.setLong(3, at.toEpochMilli());
                s.setString(4, String.join("\n", started));
                s.setString(5, bodyDigest == null ? null : bodyDigest.hex());
                s.executeUpdate();
            } catch (SQLException e) {
                throw new IOException("deliveries: " + e.getMessage(), e);
            }
        }
    }

    /** Deletes the deliveries of every hook accepted before {@code before}, in batches; returns how many. */
    public long pruneAcceptedBefore(Instant before) throws IOException {
        try {
            return db.deleteInBatches("DELETE FROM deliveries WHERE rowid IN (SELECT rowid FROM deliveries"
                    + " WHERE accepted_at < ? LIMIT " + Database.DELETE_BATCH + ")", before);
        } catch (IOException e) {
            throw new IOException("deliveries: " + e.getMessage(), e);
        }
    }

    /** Accepted deliveries of {@code hook} since {@code since}, oldest first; older rows are deleted. */
    public List<Accepted> acceptedSince(String hook, Instant since) throws IOException {
        synchronized (db) {
            try (PreparedStatement delete = db.connection().prepareStatement(
                    "DELETE FROM deliveries WHERE hook = ? AND accepted_at < ?");
                    PreparedStatement s = db.connection().prepareStatement(
                            "SELECT id, accepted_at, started, body_digest FROM deliveries WHERE hook = ?"
                                    + " ORDER BY accepted_at")) {
                delete.setString(1, hook);
                delete.setLong(2, since.toEpochMilli());
                delete.executeUpdate();
                s.setString(1, hook);
                List<Accepted> out = new ArrayList<>();
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        String started = rs.getString(3);
                        out.add(new Accepted(rs.getString(1), Instant.ofEpochMilli(rs.getLong(2)),
                                started.isEmpty() ? List.of() : Arrays.asList(started.split("\n")),
                                BodyDigest.parse(rs.getString(4)).orElse(null)));
                    }
                }
                return out;
            } catch (SQLException e) {
                throw new IOException("deliveries: " + e.getMessage(), e);
            }
        }
    }
}
