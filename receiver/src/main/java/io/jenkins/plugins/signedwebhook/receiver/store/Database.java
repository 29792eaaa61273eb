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
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The receiver's store: the SQLite file ({@code receiver.db} in the data directory, in WAL mode) by default, or a
 * PostgreSQL database that several replicas share ({@link #openPostgres}): deliveries, runs and the callback outbox.
 * One connection for all reads and writes, used under this object's lock, because SQLite serialises writers anyway
 * and on PostgreSQL the group commit already batches a replica's writes; the accepted deliveries' group commits run on
 * it from the writer thread ({@link #inGroupTransaction}), other writes from their callers. On SQLite a second
 * connection only copies the log into the file ({@link Checkpointer}); on PostgreSQL a connection the server or the
 * network broke is opened again at its next use, so the receiver resumes without a restart; a second one, of its own,
 * carries the replica's heartbeat ({@link #renew}).
 */
public final class Database implements AutoCloseable {
    private static final Logger LOGGER = Logger.getLogger(Database.class.getName());
    /**
     * Pages (4 KiB) of write-ahead log past which a commit checkpoints itself: a bound that the {@link Checkpointer}
     * keeps the log far below unless writes never pause (the log restarts only once fully copied), instead of SQLite's
     * 1000.
     */
    static final int WAL_PAGES_BEFORE_INLINE_CHECKPOINT = 16384;
    private static final Duration CHECKPOINT_EVERY = Duration.ofMillis(200);
    /** First key of the receiver's PostgreSQL advisory locks (the second is a hook's hash, or 0 for the schema). */
    private static final int LOCK_NAMESPACE = 0x5357_4848;

    /** Which database this is: the SQL they share is the same, a few statements differ. */
    public enum Dialect { SQLITE, POSTGRES }

    /** Opens a new connection (PostgreSQL's, after the server or the network broke the last one). */
    private interface Connector {
        Connection open() throws SQLException;
    }

    private final Dialect dialect;
    private final Connector connector;
    private final String name;
    private Connection connection;
    private final Checkpointer checkpointer;
    /** On a shared database, the replica this receiver is; empty on SQLite, where it is the only one. */
    private Optional<Replica> replica = Optional.empty();
    private final Map<String, PreparedStatement> statements = new HashMap<>();
    /** Whether the last transaction committed: real work and the health probe alike, so a failure of either shows. */
    private volatile boolean lastWriteCommitted = true;
    private final AtomicLong writeFailures = new AtomicLong();

    private Database(Dialect dialect, Connector connector, String name, Connection connection, Checkpointer checkpointer) {
        this.dialect = dialect;
        this.connector = connector;
        this.name = name;
        this.connection = connection;
        this.checkpointer = checkpointer;
    }

    /**
     * The schema, version by version: entry {@code n} takes a file from version {@code n} to {@code n + 1}
     * ({@code PRAGMA user_version}). Applied at start, each missing step in order, in one transaction. Statements keep
     * {@code IF NOT EXISTS}, so a file with tables but no version (before versions were kept) is brought up too; the
     * columns added later (SQLite has no {@code ADD COLUMN IF NOT EXISTS}) are ones no such file has.
     */
    private static final List<List<String>> MIGRATIONS = List.of(
            List.of("CREATE TABLE IF NOT EXISTS deliveries (hook TEXT NOT NULL, id TEXT NOT NULL,"
                            + " accepted_at INTEGER NOT NULL, started TEXT NOT NULL, PRIMARY KEY (hook, id))",
                    "CREATE TABLE IF NOT EXISTS runs (id INTEGER PRIMARY KEY AUTOINCREMENT, hook TEXT NOT NULL,"
                            + " delivery TEXT NOT NULL, state TEXT NOT NULL, variables TEXT NOT NULL, repository TEXT,"
                            + " ref TEXT, commit_sha TEXT, queued_at INTEGER NOT NULL, started_at INTEGER,"
                            + " finished_at INTEGER, exit_code INTEGER, log_path TEXT)",
                    "CREATE INDEX IF NOT EXISTS runs_by_hook_state ON runs (hook, state)",
                    "CREATE TABLE IF NOT EXISTS outbox (id TEXT PRIMARY KEY, target TEXT NOT NULL,"
                            + " body TEXT NOT NULL, secret_ref TEXT, created_at INTEGER NOT NULL,"
                            + " attempts INTEGER NOT NULL, next_attempt_at INTEGER NOT NULL, last_error TEXT,"
                            + " stop_reason TEXT)"),
            // One row, rewritten by the health check to prove the file can be written.
            List.of("CREATE TABLE IF NOT EXISTS health (id INTEGER PRIMARY KEY CHECK (id = 1),"
                    + " checked_at INTEGER NOT NULL)"),
            // A running command's process (pid and start time), so that a start after a crash can end it first; and
            // what interrupted a run: 'stop' set by a clean stop that cut it short, 'crash' by the start that found it.
            List.of("ALTER TABLE runs ADD COLUMN pid INTEGER",
                    "ALTER TABLE runs ADD COLUMN pid_start INTEGER",
                    "ALTER TABLE runs ADD COLUMN interrupted_by TEXT"),
            // The digest of an accepted delivery's body, so its body replayed under a new id is refused after a restart;
            // rows written before have none and still count by their id.
            List.of("ALTER TABLE deliveries ADD COLUMN body_digest TEXT"),
            // The replay check looks a body up as each delivery is accepted: without this, a scan of every stored one.
            List.of("CREATE INDEX IF NOT EXISTS deliveries_by_body ON deliveries (hook, body_digest)"));
    static final int SCHEMA_VERSION = MIGRATIONS.size();

    public static Database open(Path dataDir) throws IOException {
        Files.createDirectories(dataDir);
        Path file = dataDir.resolve("receiver.db");
        String url = "jdbc:sqlite:" + file.toAbsolutePath();
        Connection c = null;
        try {
            c = DriverManager.getConnection(url);
            try (Statement s = c.createStatement()) {
                String mode = single(s, "PRAGMA journal_mode=WAL");
                if (!"wal".equalsIgnoreCase(mode)) {
                    throw new IOException("dataDir: " + file + " cannot be used in WAL mode (SQLite kept journal mode '"
                            + mode + "'; a network file system cannot share its memory map): use a local directory");
                }
                // NORMAL in WAL mode loses at most the last transactions on power loss, never consistency.
                s.execute("PRAGMA synchronous=NORMAL");
                s.execute("PRAGMA busy_timeout=5000");
                // The deliveries table grows by a row per accepted delivery; a 64 MiB cache and mmap reads keep its
                // inserts from turning into pread calls once it outgrows SQLite's default 2 MiB cache.
                s.execute("PRAGMA cache_size=-65536");
                s.execute("PRAGMA mmap_size=268435456");
                s.execute("PRAGMA wal_autocheckpoint=" + WAL_PAGES_BEFORE_INLINE_CHECKPOINT);
                migrate(c, s, file);
            }
            return new Database(Dialect.SQLITE, null, file.toString(), c, Checkpointer.start(url, CHECKPOINT_EVERY));
        } catch (SQLException | IOException e) {
            throw openFailed(c, e, "cannot open " + file);
        }
    }

    /** A failed open: its connection closed, the failure as an I/O error saying {@code what} could not be opened. */
    private static IOException openFailed(Connection c, Exception e, String what) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException closing) {
                e.addSuppressed(closing);
            }
        }
        return e instanceof IOException io ? io : new IOException(what + ": " + e.getMessage(), e);
    }

    /** Brings the file to {@link #SCHEMA_VERSION}; refuses a file a newer receiver wrote. */
    private static void migrate(Connection c, Statement s, Path file) throws SQLException, IOException {
        int version = Integer.parseInt(single(s, "PRAGMA user_version"));
        if (version > SCHEMA_VERSION) {
            throw new IOException("dataDir: " + file + " has schema version " + version + ", written by a newer receiver;"
                    + " this one knows versions up to " + SCHEMA_VERSION + ": run the newer receiver, or give this one"
                    + " another dataDir");
        }
        if (version == SCHEMA_VERSION) {
            return;
        }
        c.setAutoCommit(false);
        try {
            for (int v = version; v < SCHEMA_VERSION; v++) {
                for (String statement : MIGRATIONS.get(v)) {
                    s.execute(statement);
                }
            }
            s.execute("PRAGMA user_version=" + SCHEMA_VERSION);
            c.commit();
        } catch (SQLException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(true);
        }
    }

    private static String single(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : "";
        }
    }

    /**
     * Each PostgreSQL session's limits, all below the driver's {@code socketTimeout} ({@link #SOCKET_TIMEOUT_SECONDS}),
     * so that the server ends a statement or a wait before the client gives up on the socket: see docs/receiver-ha.md.
     */
    static final String SESSION_OPTIONS = "-c lock_timeout=2s -c idle_in_transaction_session_timeout=3s"
            + " -c statement_timeout=2500ms";
    /**
     * The driver's defaults, each overridden by the same parameter in the URL's query: a push or a health check waits
     * at most for one statement's socket timeout and one connect, well within GitHub's 10 s.
     */
    static final int CONNECT_TIMEOUT_SECONDS = 2;
    static final int SOCKET_TIMEOUT_SECONDS = 3;
    /** How long schema migration and an import may take, and wait on the schema lock, on their own connection. */
    private static final Duration ADMIN_TIMEOUT = Duration.ofMinutes(10);
    /** After a connection could not be opened, uses within this fail at once instead of each waiting for a connect. */
    private static final Duration REOPEN_AFTER = Duration.ofSeconds(1);
    /** The database server's clock, in epoch milliseconds: leases and claims are set and compared by it alone. */
    static final String DB_NOW = "(extract(epoch FROM clock_timestamp()) * 1000)::bigint";

    /**
     * A shared PostgreSQL database: its schema is created or brought up to {@link #PG_SCHEMA_VERSION} under an advisory
     * lock, so that replicas starting at once make one schema; a newer schema is refused; then the replica's id is
     * registered, refused if a live replica holds it. The password is used only to log in, never kept in a message.
     */
    public static Database openPostgres(String url, String user, String password, Replica replica) throws IOException {
        Properties properties = new Properties();
        properties.setProperty("user", user);
        properties.setProperty("password", password);
        properties.setProperty("ApplicationName", "signed-webhook-receiver");
        // A server or network that stops answering is an outage to report (503) within seconds, not a thread blocked.
        properties.setProperty("connectTimeout", Integer.toString(CONNECT_TIMEOUT_SECONDS));
        properties.setProperty("loginTimeout", Integer.toString(CONNECT_TIMEOUT_SECONDS));
        properties.setProperty("socketTimeout", Integer.toString(SOCKET_TIMEOUT_SECONDS));
        properties.setProperty("tcpKeepAlive", "true");
        // A replica cut off mid-transaction holds its hook's lock until the server drops its session: other replicas
        // give up waiting on it after lock_timeout, and the server drops an idle open transaction after 3 s.
        properties.setProperty("options", SESSION_OPTIONS);
        Connector connector = () -> DriverManager.getConnection(url, properties);
        String name = url.replaceFirst("\\?.*", "");
        Connection c = null;
        try {
            c = connector.open();
            migratePostgres(c, name);
            Database db = new Database(Dialect.POSTGRES, connector, name, c, null);
            db.replica = Optional.of(replica);
            db.register(replica);
            return db;
        } catch (SQLException | IOException e) {
            throw openFailed(c, e, "store.postgres: cannot open " + name);
        }
    }

    /**
     * The PostgreSQL schema, version by version, as {@link #MIGRATIONS} is SQLite's. Runs carry the replica that runs
     * them ({@code owner}) and until when its lease holds ({@code lease_until}), callbacks the replica that sends them
     * and until when ({@code claimed_until}); at most one queued and one running run
     * per hook is a unique index, so that no interleaving of replicas can make two.
     */
    private static final List<List<String>> PG_MIGRATIONS = List.of(
            List.of("CREATE TABLE deliveries (hook TEXT NOT NULL, id TEXT NOT NULL, accepted_at BIGINT NOT NULL,"
                            + " started TEXT NOT NULL, PRIMARY KEY (hook, id))",
                    "CREATE INDEX deliveries_by_time ON deliveries (accepted_at)",
                    "CREATE TABLE runs (id BIGSERIAL PRIMARY KEY, hook TEXT NOT NULL, delivery TEXT NOT NULL,"
                            + " state TEXT NOT NULL, variables TEXT NOT NULL, repository TEXT, ref TEXT, commit_sha TEXT,"
                            + " queued_at BIGINT NOT NULL, started_at BIGINT, finished_at BIGINT, exit_code INTEGER,"
                            + " log_path TEXT, pid BIGINT, pid_start BIGINT, interrupted_by TEXT, owner TEXT,"
                            + " lease_until BIGINT)",
                    "CREATE INDEX runs_by_hook_state ON runs (hook, state)",
                    "CREATE UNIQUE INDEX runs_one_queued ON runs (hook) WHERE state = 'queued'",
                    "CREATE UNIQUE INDEX runs_one_running ON runs (hook) WHERE state = 'running'",
                    "CREATE TABLE outbox (id TEXT PRIMARY KEY, target TEXT NOT NULL, body TEXT NOT NULL,"
                            + " secret_ref TEXT, created_at BIGINT NOT NULL, attempts INTEGER NOT NULL,"
                            + " next_attempt_at BIGINT NOT NULL, last_error TEXT, stop_reason TEXT, owner TEXT,"
                            + " claimed_until BIGINT)",
                    "CREATE TABLE health (id INTEGER PRIMARY KEY CHECK (id = 1), checked_at BIGINT NOT NULL)"),
            // Version 2: the digest of each accepted body, so a body replayed under a new id is refused by every replica.
            List.of("ALTER TABLE deliveries ADD COLUMN body_digest TEXT"),
            // Version 3: every replica looks an accepted body up by its digest, under the hook's lock.
            List.of("CREATE INDEX deliveries_by_body ON deliveries (hook, body_digest)"),
            // Version 4: each live replica's id, held by the instance that runs under it until its lease ends.
            List.of("CREATE TABLE replicas (id TEXT PRIMARY KEY, instance TEXT NOT NULL, lease_until BIGINT NOT NULL)"));
    static final int PG_SCHEMA_VERSION = PG_MIGRATIONS.size();

    private static void migratePostgres(Connection c, String name) throws SQLException, IOException {
        inAdminTransaction(c, s -> migratePostgres(s, name));
    }

    /** Work done under the schema lock on one connection, as migration and an import are. */
    interface AdminWork {
        void run(Statement s) throws SQLException, IOException;
    }

    /**
     * Runs {@code work} in one transaction on {@code c} holding the schema lock (a second replica starting, or a second
     * import, waits here and then finds the work done), with the session's short limits lifted for its length.
     */
    private static void inAdminTransaction(Connection c, AdminWork work) throws SQLException, IOException {
        int networkTimeout = c.getNetworkTimeout();
        c.setNetworkTimeout(Runnable::run, (int) ADMIN_TIMEOUT.toMillis());
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            s.execute("SET LOCAL statement_timeout = " + (ADMIN_TIMEOUT.toMillis() - 1000));
            s.execute("SET LOCAL lock_timeout = " + (ADMIN_TIMEOUT.toMillis() - 2000));
            // An import reads a whole SQLite table between two statements: the session's 3 s idle limit would end it.
            s.execute("SET LOCAL idle_in_transaction_session_timeout = 0");
            // Held to the commit.
            s.execute("SELECT pg_advisory_xact_lock(" + LOCK_NAMESPACE + ", 0)");
            work.run(s);
            c.commit();
        } catch (SQLException | IOException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(true);
            c.setNetworkTimeout(Runnable::run, networkTimeout);
        }
    }

    /** {@code work} under the schema lock, in one transaction of its own (an import: see {@link #inAdminTransaction}). */
    public synchronized void underSchemaLock(AdminWork work) throws IOException {
        try {
            inAdminTransaction(connection(), work);
        } catch (SQLException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    private static void migratePostgres(Statement s, String name) throws SQLException, IOException {
        s.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)");
        String found = single(s, "SELECT coalesce(max(version), 0) FROM schema_version");
        int version = Integer.parseInt(found);
        if (version > PG_SCHEMA_VERSION) {
            throw new IOException("store.postgres: " + name + " has schema version " + version + ", written by a"
                    + " newer receiver; this one knows versions up to " + PG_SCHEMA_VERSION + ": run the newer"
                    + " receiver on every replica");
        }
        for (int v = version; v < PG_SCHEMA_VERSION; v++) {
            for (String statement : PG_MIGRATIONS.get(v)) {
                s.execute(statement);
            }
        }
        if (version < PG_SCHEMA_VERSION) {
            s.execute("DELETE FROM schema_version");
            s.execute("INSERT INTO schema_version (version) VALUES (" + PG_SCHEMA_VERSION + ")");
            LOGGER.info("store.postgres: schema of " + name + " brought from version " + version + " to "
                    + PG_SCHEMA_VERSION);
        }
    }

    public Dialect dialect() {
        return dialect;
    }

    /**
     * One of several receivers on a shared database.
     *
     * @param id what its rows are marked with ({@code owner})
     * @param lease how long its hold on its id, a running run or a callback lasts without being renewed, on the
     *     database server's clock
     */
    public record Replica(String id, Duration lease) {
        /**
         * How long before its lease could run out a replica that has not renewed it stops its runs: {@code lease - margin}
         * after the last renewal it sent, by its own monotonic clock.
         */
        public Duration margin() {
            return lease.dividedBy(3);
        }

        /** That deadline: how long after the last renewal it sent a replica keeps its runs and takes new ones. */
        public Duration localDeadline() {
            return lease.minus(margin());
        }

        /**
         * How often the heartbeat renews, and how long one renew may wait for its answer: a tenth of the lease, so that
         * several attempts fit in {@code lease - margin} and one failure costs no run.
         */
        public Duration heartbeatEvery() {
            return lease.dividedBy(10);
        }

        /** Between the retries of a failed renew after the first (which is at once, on a new connection). */
        public Duration retryAfter() {
            Duration second = Duration.ofSeconds(1);
            return heartbeatEvery().compareTo(second) < 0 ? heartbeatEvery() : second;
        }
    }

    /** This process's hold on its replica's id: another process starting with the same id while it lives is refused. */
    private final String instance = java.util.UUID.randomUUID().toString();
    /** Whether {@link #close} gives the replica's id up (a clean stop), or leaves it to run out (as a crash would). */
    private volatile boolean leaveOnClose = true;
    /** The heartbeat's own connection (apart from {@link #connection}, so that a renew never waits behind other work). */
    private Connection heartbeat;
    private final Object heartbeatLock = new Object();
    /** When a connection last could not be opened (System.nanoTime), or null. */
    private volatile Long openFailedAt;

    /**
     * Takes the replica's id for this process, unless a live replica holds it: one that renews it before it runs out.
     * A holder that does not (it crashed, or was frozen past its lease) is waited for, up to its lease, and replaced.
     */
    private void register(Replica replica) throws SQLException, IOException {
        long deadline = System.nanoTime() + replica.lease().plus(replica.margin()).toNanos();
        Long seen = null;
        while (true) {
            synchronized (this) {
                PreparedStatement take = statement("INSERT INTO replicas (id, instance, lease_until) VALUES (?, ?, "
                        + DB_NOW + " + ?) ON CONFLICT (id) DO UPDATE SET instance = excluded.instance,"
                        + " lease_until = excluded.lease_until WHERE replicas.lease_until < " + DB_NOW + " RETURNING id");
                take.setString(1, replica.id());
                take.setString(2, instance);
                take.setLong(3, replica.lease().toMillis());
                try (ResultSet rs = take.executeQuery()) {
                    if (rs.next()) {
                        return;
                    }
                }
                PreparedStatement held = statement("SELECT lease_until - " + DB_NOW + ", lease_until FROM replicas"
                        + " WHERE id = ?");
                held.setString(1, replica.id());
                try (ResultSet rs = held.executeQuery()) {
                    if (rs.next()) {
                        long left = rs.getLong(1);
                        long until = rs.getLong(2);
                        if (seen != null && until != seen || System.nanoTime() > deadline) {
                            throw new IOException("replicaId: '" + replica.id() + "' is the replicaId of a replica that"
                                    + " is running (it renewed its lease, which now runs for another " + left + " ms):"
                                    + " give each replica its own replicaId");
                        }
                        seen = until;
                    }
                }
            }
            try {
                Thread.sleep(Math.max(10, replica.margin().toMillis() / 5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("replicaId: interrupted while waiting for '" + replica.id() + "' to be free");
            }
        }
    }

    /** What a heartbeat renewed: whether this process still holds its replica's id, and the runs it still holds. */
    public record Renewed(boolean holdsReplicaId, Set<Long> runs) {}

    /**
     * Renews, on the database server's clock, this replica's hold on its id and its leases on the runs {@code ids}, on
     * the heartbeat's own connection, whose socket gives up after {@code timeout}; returns what it still holds (a run
     * taken over by another replica is missing).
     */
    public Renewed renew(Set<Long> ids, Duration timeout) throws IOException {
        Replica replica = this.replica.orElseThrow();
        synchronized (heartbeatLock) {
            try {
                if (heartbeat == null || heartbeat.isClosed()) {
                    heartbeat = null;
                    heartbeat = connector.open();
                }
                heartbeat.setNetworkTimeout(Runnable::run, (int) Math.max(1, timeout.toMillis()));
                try (PreparedStatement s = heartbeat.prepareStatement("WITH me AS (UPDATE replicas SET lease_until = "
                        + DB_NOW + " + ? WHERE id = ? AND instance = ? RETURNING id), held AS (UPDATE runs SET"
                        + " lease_until = " + DB_NOW + " + ? WHERE owner = ? AND state = 'running' AND id = ANY (?)"
                        + " AND EXISTS (SELECT 1 FROM me) RETURNING id)"
                        + " SELECT (SELECT count(*) FROM me), (SELECT array_agg(id) FROM held)")) {
                    s.setLong(1, replica.lease().toMillis());
                    s.setString(2, replica.id());
                    s.setString(3, instance);
                    s.setLong(4, replica.lease().toMillis());
                    s.setString(5, replica.id());
                    s.setArray(6, heartbeat.createArrayOf("bigint", ids.toArray()));
                    try (ResultSet rs = s.executeQuery()) {
                        rs.next();
                        Set<Long> held = new java.util.HashSet<>();
                        java.sql.Array array = rs.getArray(2);
                        if (array != null) {
                            for (Object id : (Object[]) array.getArray()) {
                                held.add(((Number) id).longValue());
                            }
                        }
                        return new Renewed(rs.getLong(1) == 1, held);
                    }
                }
            } catch (SQLException e) {
                try {
                    if (heartbeat != null) {
                        heartbeat.close();
                    }
                } catch (SQLException closing) {
                    e.addSuppressed(closing);
                }
                heartbeat = null;
                throw new IOException("store.postgres: the heartbeat failed: " + e.getMessage(), e);
            }
        }
    }

    /** Keeps the replica's id held when closed, to run out as after a crash (for a stop that acts as one). */
    public void keepReplicaIdOnClose() {
        leaveOnClose = false;
    }

    public Optional<Replica> replica() {
        return replica;
    }

    /**
     * The connection, to be used only while holding this object's monitor; on PostgreSQL, one the server or the network
     * broke is replaced by a new one here (the statements prepared on the old one are dropped).
     */
    Connection connection() throws SQLException {
        if (connector != null && (connection == null || connection.isClosed())) {
            Long failedAt = openFailedAt;
            if (failedAt != null && System.nanoTime() - failedAt < REOPEN_AFTER.toNanos()) {
                // Each use would wait for its own connect timeout behind this object's monitor: the outage is known.
                throw new SQLException("the database could not be reached " + (System.nanoTime() - failedAt) / 1_000_000
                        + " ms ago", "08001");
            }
            for (PreparedStatement s : statements.values()) {
                try {
                    s.close();
                } catch (SQLException ignored) {
                    // The old connection is gone; so are its statements.
                }
            }
            statements.clear();
            connection = null;
            try {
                connection = connector.open();
            } catch (SQLException e) {
                openFailedAt = System.nanoTime();
                throw e;
            }
            openFailedAt = null;
            LOGGER.info("store.postgres: connected to " + name + " again");
        }
        return connection;
    }

    /**
     * Within a transaction, holds the hook's lock until it ends: on PostgreSQL an advisory lock that every replica's
     * writes of the hook's runs take, so that checking for a queued or running run and writing one is atomic across
     * replicas; on SQLite nothing, as this object's monitor already is.
     */
    void lockHook(String hook) throws SQLException {
        if (dialect == Dialect.POSTGRES) {
            PreparedStatement s = statement("SELECT pg_advisory_xact_lock(" + LOCK_NAMESPACE + ", hashtext(?))");
            s.setString(1, hook);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
            }
        }
    }

    /**
     * {@code sql} prepared once and kept (SQLite's prepare was a visible part of every delivery's writes), its
     * parameters cleared; to be used, and its result sets closed, only while holding this object's monitor.
     */
    PreparedStatement statement(String sql) throws SQLException {
        PreparedStatement s = statements.get(sql);
        if (s == null) {
            s = connection().prepareStatement(sql);
            statements.put(sql, s);
        } else {
            s.clearParameters();
        }
        return s;
    }

    /** Work on the database that may fail with an I/O error. */
    public interface Work<T> {
        T run() throws IOException;
    }

    private static final class Batched<T> {
        /** The hook whose lock the work takes, or null. */
        final String hook;
        final Work<T> work;
        final CountDownLatch committed = new CountDownLatch(1);
        T result;
        Throwable failure;
        /** Its transaction committed. */
        boolean stored;

        Batched(String hook, Work<T> work) {
            this.hook = hook;
            this.work = work;
        }

        void run() throws IOException {
            result = work.run();
        }
    }

    private final Object pendingLock = new Object();
    private List<Batched<?>> pending = new ArrayList<>();
    private boolean closing;
    private Thread writer;

    /**
     * As {@link #inTransaction}, but committed together with the work other threads queue meanwhile (group commit):
     * a writer thread takes everything queued, runs it as one transaction and commits once, while new work queues for
     * its next transaction; a work that fails is rolled back alone and its caller gets its exception. Each caller
     * returns once its work is committed, as with a transaction of its own. Under load one commit serves many
     * deliveries, and a caller waits only for its own commit: it is woken directly, instead of queueing on this
     * object's monitor behind every other caller (measured: fewer, shorter waits; see docs/receiver.md).
     *
     * @throws IllegalStateException if the caller holds this object's monitor (the writer needs it: that would never end)
     */
    public <T> T inGroupTransaction(Work<T> work) throws IOException {
        return inGroupTransaction(null, work);
    }

    /**
     * As {@link #inGroupTransaction(Work)} for a work that takes {@code hook}'s lock: a batch takes its hooks' locks
     * in sorted order before its works run, so that two replicas' batches never wait on each other's hooks.
     */
    public <T> T inGroupTransaction(String hook, Work<T> work) throws IOException {
        if (Thread.holdsLock(this)) {
            throw new IllegalStateException("inGroupTransaction called under the database's monitor");
        }
        Batched<T> mine = new Batched<>(hook, work);
        synchronized (pendingLock) {
            if (closing) {
                throw new IOException("the receiver's database is closed");
            }
            if (writer == null) {
                writer = new Thread(this::write, "sqlite-writer");
                writer.setDaemon(true);
                writer.start();
            }
            pending.add(mine);
            pendingLock.notifyAll();
        }
        boolean interrupted = false;
        while (true) {
            try {
                mine.committed.await();
                break;
            } catch (InterruptedException e) {
                // The work is queued and will be committed or fail; its caller must learn which.
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (mine.failure != null) {
            // Thrown on the writer thread: wrapped, so that this caller's stack shows too.
            throw new IOException(mine.failure.getMessage() != null ? mine.failure.getMessage()
                    : mine.failure.getClass().getSimpleName(), mine.failure);
        }
        return mine.result;
    }

    /** Work queued for the writer's next transaction (for tests). */
    int queued() {
        synchronized (pendingLock) {
            return pending.size();
        }
    }

    /** {@link #close} has begun (for tests). */
    boolean closing() {
        synchronized (pendingLock) {
            return closing;
        }
    }

    /** The writer thread: runs the queued work batch by batch until {@link #close} and nothing is left queued. */
    private void write() {
        while (true) {
            List<Batched<?>> batch;
            synchronized (pendingLock) {
                while (pending.isEmpty() && !closing) {
                    try {
                        pendingLock.wait();
                    } catch (InterruptedException e) {
                        // Only close() ends the writer, once the queued work is done.
                    }
                }
                if (pending.isEmpty()) {
                    return;
                }
                batch = pending;
                pending = new ArrayList<>();
            }
            try {
                synchronized (this) {
                    runBatch(batch);
                }
            } catch (Throwable t) {
                // runBatch contains each work's failure; this is the store itself failing (out of memory, say). The
                // writer goes on, so that later deliveries are answered rather than left waiting for ever.
                LOGGER.log(Level.SEVERE, "the database writer failed; the deliveries of its batch were not stored", t);
                for (Batched<?> b : batch) {
                    if (!b.stored && b.failure == null) {
                        b.failure = t;
                    }
                }
            } finally {
                for (Batched<?> b : batch) {
                    b.committed.countDown();
                }
            }
        }
    }

    /**
     * Called only under this object's monitor. The batch runs as one transaction; if one of its works fails (rare),
     * the transaction is rolled back and each work runs again in a transaction of its own, so only the failing one
     * fails. (A savepoint around each work did the same at two more statements per work.) Works only write through
     * this database, so running one again is safe. A hook whose lock (or row) another session held past
     * {@code lock_timeout} fails its own works at once instead: run again alone, each would wait as long once more.
     */
    private void runBatch(List<Batched<?>> batch) {
        if (batch.size() == 1) {
            runAlone(batch.get(0));
            return;
        }
        Together outcome = runTogether(batch);
        if (outcome instanceof Together.LockTimedOut timedOut) {
            List<Batched<?>> rest = new ArrayList<>();
            for (Batched<?> b : batch) {
                if (timedOut.hook().equals(b.hook)) {
                    b.result = null;
                    b.failure = timedOut.cause();
                    writeFailures.incrementAndGet();
                } else {
                    rest.add(b);
                }
            }
            LOGGER.fine(() -> "the lock of hook " + timedOut.hook() + " timed out in a group commit: its "
                    + (batch.size() - rest.size()) + " work(s) failed, the other " + rest.size() + " go on");
            if (!rest.isEmpty()) {
                runBatch(rest);
            }
        } else if (outcome instanceof Together.Failed) {
            for (Batched<?> b : batch) {
                runAlone(b);
            }
        }
    }

    /** How a batch run as one transaction ended. */
    private sealed interface Together {
        record Committed() implements Together {}

        /** Rolled back: the lock of {@code hook}, or a row of it, was held by another session past lock_timeout. */
        record LockTimedOut(String hook, SQLException cause) implements Together {}

        /** Rolled back for another reason: each work runs again alone. */
        record Failed() implements Together {}
    }

    /** PostgreSQL's SQLState for a wait given up on after {@code lock_timeout}. */
    private static final String LOCK_NOT_AVAILABLE = "55P03";

    private Together runTogether(List<Batched<?>> batch) {
        boolean committed = false;
        // The hook whose lock is being taken, or whose work is running: the one a lock timeout is charged to.
        String current = null;
        try {
            connection().setAutoCommit(false);
            for (String hook : batch.stream().map(b -> b.hook).filter(java.util.Objects::nonNull).distinct().sorted()
                    .toList()) {
                current = hook;
                lockHook(hook);
            }
            for (Batched<?> b : batch) {
                current = b.hook;
                b.run();
            }
            connection().commit();
            committed = true;
            lastWriteCommitted = true;
            batch.forEach(b -> b.stored = true);
            return new Together.Committed();
        } catch (Exception | Error e) {
            Optional<SQLException> timedOut = lockTimeout(e);
            if (current != null && timedOut.isPresent()) {
                return new Together.LockTimedOut(current, timedOut.get());
            }
            // Each work runs again alone, and reports its own failure.
            return new Together.Failed();
        } finally {
            endTransaction(committed);
        }
    }

    /** The lock timeout among {@code e} and its causes, if it is one. */
    private static Optional<SQLException> lockTimeout(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && LOCK_NOT_AVAILABLE.equals(sql.getSQLState())) {
                return Optional.of(sql);
            }
        }
        return Optional.empty();
    }

    private void runAlone(Batched<?> b) {
        b.result = null;
        b.failure = null;
        try {
            inTransaction(() -> {
                b.run();
                return null;
            });
            b.stored = true;
        } catch (Exception | Error e) {
            // Also an Error, so that one work's failure is its caller's alone and the writer goes on.
            b.result = null;
            b.failure = e;
        }
    }

    /** Rolls back what was not committed and returns the connection to autocommit. */
    private void endTransaction(boolean committed) {
        try {
            if (connection == null || connection.isClosed()) {
                // A broken connection took its transaction with it; the next use opens a new one.
                return;
            }
        } catch (SQLException e) {
            return;
        }
        if (!committed) {
            try {
                connection.rollback();
            } catch (SQLException e) {
                LOGGER.log(Level.WARNING, "rollback failed: " + e.getMessage());
            }
        }
        try {
            connection.setAutoCommit(true);
        } catch (SQLException e) {
            // Left in manual commit, later statements would ride in an open transaction: said, not hidden.
            LOGGER.log(Level.WARNING, "cannot return the connection to autocommit: " + e.getMessage());
        }
    }

    /** Runs {@code work} as one transaction under this object's monitor: all its writes are committed, or none. */
    public synchronized <T> T inTransaction(Work<T> work) throws IOException {
        boolean committed = false;
        try {
            connection().setAutoCommit(false);
            T result = work.run();
            connection().commit();
            committed = true;
            return result;
        } catch (SQLException e) {
            throw new IOException("transaction: " + e.getMessage(), e);
        } finally {
            endTransaction(committed);
            lastWriteCommitted = committed;
            if (!committed) {
                writeFailures.incrementAndGet();
            }
        }
    }

    /** A write outside a transaction failed (a run's start, say): counted as a failed transaction is. */
    void writeFailed() {
        lastWriteCommitted = false;
        writeFailures.incrementAndGet();
    }

    /** False after a write failed (disk full, read-only, I/O error), until one commits again. */
    public boolean lastWriteCommitted() {
        return lastWriteCommitted;
    }

    /** Writes that failed since the start, a delivery's, a run's end or the health probe's. */
    public long writeFailures() {
        return writeFailures.get();
    }

    /** Rows a batched delete removes per transaction. */
    static final int DELETE_BATCH = 1000;

    /**
     * Deletes the rows of {@code table} that {@code condition} (with one parameter, a time in epoch milliseconds)
     * selects, at most {@link #DELETE_BATCH} per statement, until one removes fewer or the thread is interrupted (a stop), one transaction per batch: the monitor is released
     * in between, so a delivery being accepted meanwhile waits for one batch at most.
     *
     * @return the rows removed
     */
    long deleteInBatches(String table, String condition, Instant before) throws IOException {
        // SQLite's DELETE takes no LIMIT; each database names its rows its own way.
        String row = dialect == Dialect.SQLITE ? "rowid" : "ctid";
        String delete = "DELETE FROM " + table + " WHERE " + row + " IN (SELECT " + row + " FROM " + table + " WHERE "
                + condition + " LIMIT " + DELETE_BATCH + ")";
        long deleted = 0;
        int batch;
        do {
            batch = inTransaction(() -> {
                try {
                    PreparedStatement s = statement(delete);
                    s.setLong(1, before.toEpochMilli());
                    return s.executeUpdate();
                } catch (SQLException e) {
                    throw new IOException(e.getMessage(), e);
                }
            });
            deleted += batch;
        } while (batch >= DELETE_BATCH && !Thread.currentThread().isInterrupted());
        return deleted;
    }

    /** The single number {@code sql} (a {@code SELECT count(*)}, say) gives. */
    long count(String sql) throws IOException {
        synchronized (this) {
            try (ResultSet rs = statement(sql).executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            } catch (SQLException e) {
                throw new IOException(e.getMessage(), e);
            }
        }
    }

    /** Writes and commits one row: fails if the file cannot be written now (disk full, read-only, locked). */
    public void proveWritable(Instant now) throws IOException {
        inTransaction(() -> {
            try {
                PreparedStatement s = statement("INSERT INTO health (id, checked_at) VALUES (1, ?)"
                        + " ON CONFLICT (id) DO UPDATE SET checked_at = excluded.checked_at");
                s.setLong(1, now.toEpochMilli());
                return s.executeUpdate();
            } catch (SQLException e) {
                throw new IOException(e.getMessage(), e);
            }
        });
    }

    /** Commits the work already queued for a group transaction, then closes the connection. */
    @Override
    public void close() throws IOException {
        Thread w;
        synchronized (pendingLock) {
            closing = true;
            pendingLock.notifyAll();
            w = writer;
        }
        if (w != null) {
            try {
                w.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        closeConnection();
    }

    private synchronized void closeConnection() throws IOException {
        SQLException failure = null;
        if (replica.isPresent() && leaveOnClose) {
            try {
                PreparedStatement leave = statement("DELETE FROM replicas WHERE id = ? AND instance = ?");
                leave.setString(1, replica.get().id());
                leave.setString(2, instance);
                leave.executeUpdate();
            } catch (SQLException e) {
                // Not given up: it runs out after its lease, as a crashed replica's does.
                LOGGER.fine(() -> "the replicaId could not be given up: " + e.getMessage());
            }
        }
        synchronized (heartbeatLock) {
            try {
                if (heartbeat != null) {
                    heartbeat.close();
                }
            } catch (SQLException e) {
                failure = e;
            }
        }
        try {
            // Closed first: the last connection to close copies the rest of the log and removes it.
            if (checkpointer != null) {
                checkpointer.close();
            }
        } catch (SQLException e) {
            failure = e;
        }
        try {
            for (PreparedStatement s : statements.values()) {
                s.close();
            }
            statements.clear();
            if (connection != null) {
                connection.close();
            }
        } catch (SQLException e) {
            failure = e;
        }
        if (failure != null) {
            throw new IOException(failure.getMessage(), failure);
        }
    }
}
