package io.jenkins.plugins.signedwebhook.receiver.store;

import io.jenkins.plugins.signedwebhook.core.inbound.BodyDigest;
import io.jenkins.plugins.signedwebhook.core.inbound.BuildScheduler;
import java.io.IOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Delivery ids that started a run, per hook, with the digest of their body, so a redelivery after a restart, or the
 * body replayed under a new id, is still refused.
 */
public final class DeliveryStore {
    /** How long an accepted delivery's id and body are refused again (kept that long, then pruned). */
    public static final Duration WINDOW = Duration.ofDays(7);

    private final Database db;

    public DeliveryStore(Database db) {
        this.db = db;
    }

    /** @param bodyDigest null for a row stored before digests were kept */
    public record Accepted(String id, Instant at, List<String> started, BodyDigest bodyDigest) {}

    /**
     * Claims the delivery id for the hook, with its body's digest: empty when this call stored it, else the delivery
     * that holds it already (another replica accepted it, or this one before its duplicate window forgot), or that
     * was accepted with the same body under another delivery id within {@link #WINDOW} (a captured body replayed to
     * another replica). Both checks are under the hook's lock, so two replicas claiming one id or one body at once
     * get one each way: the second waits for the first's commit.
     *
     * @param bodyDigest null when the engine gave none
     */
    public Optional<Accepted> recordAccepted(String hook, String id, Instant at, List<String> started,
            BodyDigest bodyDigest) throws IOException {
        synchronized (db) {
            try {
                // Before the id's row: replicas then queue on the hook, never on each other's rows and locks both.
                db.lockHook(hook);
                Optional<Accepted> replayed = sameBody(hook, id, at, bodyDigest);
                if (replayed.isPresent()) {
                    return replayed;
                }
                PreparedStatement s = db.statement("INSERT INTO deliveries (hook, id, accepted_at, started, body_digest)"
                        + " VALUES (?, ?, ?, ?, ?) ON CONFLICT (hook, id) DO NOTHING");
                s.setString(1, hook);
                s.setString(2, id);
                s.setLong(3, at.toEpochMilli());
                s.setString(4, String.join("\n", started));
                s.setString(5, bodyDigest == null ? null : bodyDigest.hex());
                if (s.executeUpdate() == 1) {
                    return Optional.empty();
                }
                PreparedStatement held = db.statement("SELECT accepted_at, started, body_digest FROM deliveries"
                        + " WHERE hook = ? AND id = ?");
                held.setString(1, hook);
                held.setString(2, id);
                try (ResultSet rs = held.executeQuery()) {
                    if (!rs.next()) {
                        throw new SQLException("the delivery " + id + " conflicted with a row that is gone");
                    }
                    return Optional.of(new Accepted(id, Instant.ofEpochMilli(rs.getLong(1)), started(rs.getString(2)),
                            BodyDigest.parse(rs.getString(3)).orElse(null)));
                }
            } catch (SQLException e) {
                throw new IOException("deliveries: " + e.getMessage(), e);
            }
        }
    }

    /**
     * The first delivery of the hook accepted since {@code at} minus the window with this body under another delivery
     * id; the keys of one delivery's several refs (a Bitbucket push) share its body and are not replays of each other.
     */
    private Optional<Accepted> sameBody(String hook, String id, Instant at, BodyDigest bodyDigest) throws SQLException {
        if (bodyDigest == null) {
            return Optional.empty();
        }
        // The first is picked here, not by ORDER BY: a body has one row or a few, and SQLite sorted them in a temporary
        // B-tree for every delivery accepted.
        PreparedStatement s = db.statement("SELECT id, accepted_at, started FROM deliveries"
                + " WHERE hook = ? AND body_digest = ? AND accepted_at >= ?");
        s.setString(1, hook);
        s.setString(2, bodyDigest.hex());
        s.setLong(3, at.minus(WINDOW).toEpochMilli());
        String delivery = BuildScheduler.PushDelivery.deliveryIdOf(id);
        Accepted first = null;
        try (ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                String held = rs.getString(1);
                long heldAt = rs.getLong(2);
                boolean earlier = first == null || heldAt < first.at().toEpochMilli()
                        || (heldAt == first.at().toEpochMilli() && held.compareTo(first.id()) < 0);
                if (earlier && !BuildScheduler.PushDelivery.deliveryIdOf(held).equals(delivery)) {
                    first = new Accepted(held, Instant.ofEpochMilli(heldAt), started(rs.getString(3)), bodyDigest);
                }
            }
        }
        return Optional.ofNullable(first);
    }

    private static List<String> started(String column) {
        return column.isEmpty() ? List.of() : Arrays.asList(column.split("\n"));
    }

    /** Deletes the deliveries of every hook accepted before {@code before}, in batches; returns how many. */
    public long pruneAcceptedBefore(Instant before) throws IOException {
        try {
            return db.deleteInBatches("deliveries", "accepted_at < ?", before);
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
                        out.add(new Accepted(rs.getString(1), Instant.ofEpochMilli(rs.getLong(2)), started(rs.getString(3)),
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
