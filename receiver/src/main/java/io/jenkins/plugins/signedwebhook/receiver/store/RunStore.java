package io.jenkins.plugins.signedwebhook.receiver.store;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Runs of hooks: at most one {@code queued} row per hook (a newer push replaces the queued one), at most one
 * {@code running} row per hook, and the finished ones with their exit code and log file, the oldest of which are
 * pruned to the hook's {@code keepRuns}.
 */
public final class RunStore {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<LinkedHashMap<String, String>> VARIABLES = new TypeReference<>() {};
    private static final String COLUMNS = "id, hook, delivery, state, variables, repository, ref, commit_sha,"
            + " queued_at, started_at, finished_at, exit_code, log_path, pid, pid_start, interrupted_by";
    private final Database db;

    public RunStore(Database db) {
        this.db = db;
    }

    /** The push a run is for, as the WEBHOOK_* variables the command gets. */
    public record Work(String hook, String delivery, Map<String, String> variables, String repository, String ref,
            String commit) {}

    /**
     * @param process the command's process once it has started, while the run is running and after
     * @param interruption what cut it short: set by a clean stop on a run still running, or by the start that recovered it
     */
    public record Run(long id, Work work, RunState state, Instant queuedAt, Optional<Instant> startedAt,
            Optional<Instant> finishedAt, Optional<Integer> exitCode, Optional<String> logPath,
            Optional<ProcessIdentity> process, Optional<Interruption> interruption) {}

    /** Queues {@code work}, replacing the hook's queued run if there is one; returns the queued run's id. */
    public long enqueue(Work work, Instant now) throws IOException {
        String variables; // written before taking the lock every other writer waits for
        try {
            variables = JSON.writeValueAsString(work.variables());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IOException("runs: variables cannot be written as JSON", e);
        }
        synchronized (db) {
            try {
                db.lockHook(work.hook());
                // One statement in the usual case (a push coalescing into the queued run), two when none is queued.
                PreparedStatement update = db.statement("UPDATE runs SET delivery = ?, variables = ?, repository = ?,"
                        + " ref = ?, commit_sha = ?, queued_at = ? WHERE hook = ? AND state = 'queued' RETURNING id");
                bindWork(update, work, variables, 1);
                update.setLong(6, now.toEpochMilli());
                update.setString(7, work.hook());
                Optional<Long> replaced = firstLong(update);
                if (replaced.isPresent()) {
                    return replaced.get();
                }
                PreparedStatement insert = db.statement("INSERT INTO runs (delivery, variables, repository, ref,"
                        + " commit_sha, queued_at, hook, state) VALUES (?, ?, ?, ?, ?, ?, ?, 'queued') RETURNING id");
                bindWork(insert, work, variables, 1);
                insert.setLong(6, now.toEpochMilli());
                insert.setString(7, work.hook());
                return firstLong(insert).orElseThrow(() -> new SQLException("the new run's id was not returned"));
            } catch (SQLException e) {
                throw new IOException("runs: " + e.getMessage(), e);
            }
        }
    }

    /**
     * Marks the hook's queued run as running and returns it, unless one is running already. On a shared database the
     * run is marked with this replica and a lease, under the hook's lock, so that no two replicas start two runs.
     */
    public Optional<Run> startNext(String hook, Instant now) throws IOException {
        try {
            return db.inTransaction(() -> {
                try {
                    db.lockHook(hook);
                    if (firstId("SELECT id FROM runs WHERE hook = ? AND state = 'running'", hook).isPresent()) {
                        return Optional.empty();
                    }
                    String skipLocked = db.dialect() == Database.Dialect.POSTGRES ? " FOR UPDATE SKIP LOCKED" : "";
                    Optional<Long> queued = firstId("SELECT id FROM runs WHERE hook = ? AND state = 'queued'"
                            + skipLocked, hook);
                    if (queued.isEmpty()) {
                        return Optional.empty();
                    }
                    Optional<Database.Replica> replica = db.replica();
                    PreparedStatement s = db.statement(replica.isPresent()
                            ? "UPDATE runs SET state = 'running', started_at = ?, owner = ?, lease_until = " + Database.DB_NOW
                                    + " + ? WHERE id = ?"
                            : "UPDATE runs SET state = 'running', started_at = ? WHERE id = ?");
                    s.setLong(1, now.toEpochMilli());
                    int next = 2;
                    if (replica.isPresent()) {
                        s.setString(next++, replica.get().id());
                        s.setLong(next++, replica.get().lease().toMillis());
                    }
                    s.setLong(next, queued.get());
                    s.executeUpdate();
                    return find(queued.get());
                } catch (SQLException e) {
                    throw new IOException(e.getMessage(), e);
                }
            });
        } catch (IOException e) {
            throw new IOException("runs: " + e.getMessage(), e);
        }
    }

    /**
     * Within a transaction, the running runs whose lease ran out by the database server's clock (their replica died
     * or lost the database), locked to the end of it and skipping those another replica is taking over.
     */
    public List<Run> expiredLeases() throws IOException {
        synchronized (db) {
            return list("SELECT " + COLUMNS + " FROM runs WHERE state = 'running' AND lease_until < " + Database.DB_NOW
                    + " ORDER BY id FOR UPDATE SKIP LOCKED", null);
        }
    }

    /** The hooks with a queued run and none running: on a shared store, ones any replica may start now. */
    public Set<String> hooksWaiting() throws IOException {
        synchronized (db) {
            try {
                PreparedStatement s = db.statement("SELECT hook FROM runs q WHERE state = 'queued' AND NOT EXISTS"
                        + " (SELECT 1 FROM runs r WHERE r.hook = q.hook AND r.state = 'running')");
                Set<String> hooks = new HashSet<>();
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        hooks.add(rs.getString(1));
                    }
                }
                return hooks;
            } catch (SQLException e) {
                throw new IOException("runs: " + e.getMessage(), e);
            }
        }
    }

    /** Runs waiting to start, of every hook (at most one per hook). */
    public long countQueued() throws IOException {
        return db.count("SELECT count(*) FROM runs WHERE state = 'queued'");
    }

    /** Whether a run of the hook is running, on this replica or, on a shared store, on another. */
    public boolean isRunning(String hook) throws IOException {
        return has(hook, "SELECT id FROM runs WHERE hook = ? AND state = 'running'");
    }

    public boolean hasQueued(String hook) throws IOException {
        return has(hook, "SELECT id FROM runs WHERE hook = ? AND state = 'queued'");
    }

    private boolean has(String hook, String sql) throws IOException {
        synchronized (db) {
            try {
                return firstId(sql, hook).isPresent();
            } catch (SQLException e) {
                throw new IOException("runs: " + e.getMessage(), e);
            }
        }
    }

    public void setLogPath(long id, String logPath) throws IOException {
        update("UPDATE runs SET log_path = ? WHERE id = ?", s -> {
            s.setString(1, logPath);
            s.setLong(2, id);
        });
    }

    /** Notes the process of the run's command, as soon as it has started. */
    public void setProcess(long id, ProcessIdentity process) throws IOException {
        update("UPDATE runs SET pid = ?, pid_start = ? WHERE id = ?", s -> {
            s.setLong(1, process.pid());
            s.setLong(2, process.startTicks());
            s.setLong(3, id);
        });
    }

    /** Marks the runs still running as cut short by a clean stop, so that the next start tells it from a crash. */
    public void markStopped() throws IOException {
        update("UPDATE runs SET interrupted_by = 'stop' WHERE state = 'running' AND interrupted_by IS NULL", s -> {});
    }

    /** Records what interrupted the run. */
    public void setInterruption(long id, Interruption interruption) throws IOException {
        update("UPDATE runs SET interrupted_by = ? WHERE id = ?", s -> {
            s.setString(1, interruption.column());
            s.setLong(2, id);
        });
    }

    /**
     * Records the end of a run that is still running; false when it was not (its end was already stored, say by a
     * commit that reported a failure after writing, or by the replica that took the run over), so that its callbacks
     * are not stored a second time.
     */
    public boolean finish(long id, RunState state, Integer exitCode, Instant now) throws IOException {
        return update("UPDATE runs SET state = ?, exit_code = ?, finished_at = ? WHERE id = ? AND state = 'running'", s -> {
            s.setString(1, state.column());
            if (exitCode == null) {
                s.setNull(2, Types.INTEGER);
            } else {
                s.setInt(2, exitCode);
            }
            s.setLong(3, now.toEpochMilli());
            s.setLong(4, id);
        });
    }

    /**
     * Deletes the finished runs of {@code hook} beyond the newest {@code keep} (by id, the order they were queued in)
     * in one statement, never a queued or running one, and returns the log paths the deleted rows had.
     */
    public List<String> pruneFinished(String hook, int keep) throws IOException {
        synchronized (db) {
            try {
                // The subquery finds the newest run that goes; everything finished at or below its id goes with it.
                PreparedStatement s = db.statement("DELETE FROM runs WHERE hook = ? AND state NOT IN ('queued', 'running')"
                        + " AND id <= (SELECT id FROM runs WHERE hook = ? AND state NOT IN ('queued', 'running')"
                        + " ORDER BY id DESC LIMIT 1 OFFSET ?) RETURNING log_path");
                s.setString(1, hook);
                s.setString(2, hook);
                s.setInt(3, keep);
                List<String> logPaths = new ArrayList<>();
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        String logPath = rs.getString(1);
                        if (logPath != null) {
                            logPaths.add(logPath);
                        }
                    }
                }
                return logPaths;
            } catch (SQLException e) {
                throw new IOException("runs: " + e.getMessage(), e);
            }
        }
    }

    /**
     * Runs in state {@code running}, oldest first: at start, the ones a receiver stopped without finishing. On a shared
     * database only this replica's: the others' are theirs, or taken over once their lease runs out.
     */
    public List<Run> running() throws IOException {
        synchronized (db) {
            Optional<Database.Replica> replica = db.replica();
            return replica.isPresent()
                    ? list("SELECT " + COLUMNS + " FROM runs WHERE state = 'running' AND owner = ? ORDER BY id",
                            replica.get().id())
                    : list("SELECT " + COLUMNS + " FROM runs WHERE state = 'running' ORDER BY id", null);
        }
    }

    public Optional<Run> find(long id) throws IOException {
        synchronized (db) {
            return list("SELECT " + COLUMNS + " FROM runs WHERE id = ?", id).stream().findFirst();
        }
    }

    /** Every run of {@code hook}, oldest first. */
    public List<Run> ofHook(String hook) throws IOException {
        synchronized (db) {
            return list("SELECT " + COLUMNS + " FROM runs WHERE hook = ? ORDER BY id", hook);
        }
    }

    private interface Binder {
        void bind(PreparedStatement s) throws SQLException;
    }

    private boolean update(String sql, Binder binder) throws IOException {
        synchronized (db) {
            try {
                PreparedStatement s = db.statement(sql);
                binder.bind(s);
                return s.executeUpdate() > 0;
            } catch (SQLException e) {
                db.writeFailed();
                throw new IOException("runs: " + e.getMessage(), e);
            }
        }
    }

    private Optional<Long> firstId(String sql, String hook) throws SQLException {
        PreparedStatement s = db.statement(sql);
        s.setString(1, hook);
        return firstLong(s);
    }

    /**
     * Runs {@code s}, bound, and reads the first column of its first row, if any. (SQLite makes all the changes of an
     * UPDATE or INSERT ... RETURNING at its first step, so the rows not read change nothing.)
     */
    private static Optional<Long> firstLong(PreparedStatement s) throws SQLException {
        try (ResultSet rs = s.executeQuery()) {
            return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
        }
    }

    private static void bindWork(PreparedStatement s, Work work, String variables, int first) throws SQLException {
        s.setString(first, work.delivery());
        s.setString(first + 1, variables);
        s.setString(first + 2, work.repository());
        s.setString(first + 3, work.ref());
        s.setString(first + 4, work.commit());
    }

    private List<Run> list(String sql, Object parameter) throws IOException {
        try {
            PreparedStatement s = db.statement(sql);
            if (parameter != null) {
                s.setObject(1, parameter);
            }
            List<Run> out = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    Map<String, String> variables = JSON.readValue(rs.getString(5), VARIABLES);
                    Work work = new Work(rs.getString(2), rs.getString(3), variables, rs.getString(6), rs.getString(7),
                            rs.getString(8));
                    out.add(new Run(rs.getLong(1), work, RunState.of(rs.getString(4)), Instant.ofEpochMilli(rs.getLong(9)),
                            instant(rs, 10), instant(rs, 11), Optional.ofNullable((Integer) rs.getObject(12)),
                            Optional.ofNullable(rs.getString(13)), process(rs),
                            Optional.ofNullable(rs.getString(16)).map(Interruption::of)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IOException("runs: " + e.getMessage(), e);
        }
    }

    private static Optional<ProcessIdentity> process(ResultSet rs) throws SQLException {
        long pid = rs.getLong(14);
        if (rs.wasNull()) {
            return Optional.empty();
        }
        long start = rs.getLong(15);
        return rs.wasNull() ? Optional.empty() : Optional.of(new ProcessIdentity(pid, start));
    }

    private static Optional<Instant> instant(ResultSet rs, int column) throws SQLException {
        long millis = rs.getLong(column);
        return rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(millis));
    }
}
