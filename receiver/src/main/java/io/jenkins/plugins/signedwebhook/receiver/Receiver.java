package io.jenkins.plugins.signedwebhook.receiver;

import io.jenkins.plugins.signedwebhook.core.inbound.BuildScheduler;
import io.jenkins.plugins.signedwebhook.core.inbound.DeliveryListener;
import io.jenkins.plugins.signedwebhook.core.inbound.DuplicateWindow;
import io.jenkins.plugins.signedwebhook.core.inbound.EngineSettings;
import io.jenkins.plugins.signedwebhook.core.inbound.WebhookEngine;
import io.jenkins.plugins.signedwebhook.core.inbound.limit.ClientLimiter;
import io.jenkins.plugins.signedwebhook.core.match.SubscriptionIndex;
import io.jenkins.plugins.signedwebhook.core.match.SubscriptionRegistry;
import io.jenkins.plugins.signedwebhook.core.outbound.Dispatcher;
import io.jenkins.plugins.signedwebhook.core.outbound.outbox.OutboxDrain;
import io.jenkins.plugins.signedwebhook.core.outbound.policy.UrlPolicy;
import io.jenkins.plugins.signedwebhook.receiver.config.HookConfig;
import io.jenkins.plugins.signedwebhook.receiver.config.ReceiverConfig;
import io.jenkins.plugins.signedwebhook.receiver.http.BodyBudget;
import io.jenkins.plugins.signedwebhook.receiver.http.HeaderDeadline;
import io.jenkins.plugins.signedwebhook.receiver.http.JsonErrorHandler;
import io.jenkins.plugins.signedwebhook.receiver.http.ReceiverHandler;
import io.jenkins.plugins.signedwebhook.receiver.http.StoreHealth;
import io.jenkins.plugins.signedwebhook.receiver.metrics.Metrics;
import io.jenkins.plugins.signedwebhook.receiver.run.CallbackSecrets;
import io.jenkins.plugins.signedwebhook.receiver.run.Callbacks;
import io.jenkins.plugins.signedwebhook.receiver.run.CommandRunner;
import io.jenkins.plugins.signedwebhook.receiver.run.HookRunner;
import io.jenkins.plugins.signedwebhook.receiver.store.Database;
import io.jenkins.plugins.signedwebhook.receiver.store.DeliveryStore;
import io.jenkins.plugins.signedwebhook.receiver.store.Maintenance;
import io.jenkins.plugins.signedwebhook.receiver.store.RunStore;
import io.jenkins.plugins.signedwebhook.receiver.store.SqliteOutbox;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.UnaryOperator;
import java.util.logging.Logger;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * A running receiver: Jetty in front of one core {@link WebhookEngine} per hook, runs and callbacks behind it, all
 * state in the data directory's SQLite file. {@link #close()} stops gracefully; {@link #halt()} stops as a crash would.
 */
public final class Receiver implements AutoCloseable {
    private static final Logger LOGGER = Logger.getLogger(Receiver.class.getName());
    private static final Duration DUPLICATE_WINDOW = DeliveryStore.WINDOW;
    private static final Duration DEAD_LETTER_KEEP = Duration.ofDays(30);
    private static final Duration MAINTENANCE_EVERY = Duration.ofHours(1);
    private static final int DUPLICATE_ENTRIES = 100_000;
    private static final int MAX_THREADS = 32;
    private static final int CALLBACK_CONCURRENCY = 4;

    private final Server server;
    private final Database db;
    private final RunStore runs;
    private final HookRunner hookRunner;
    private final OutboxDrain drain;
    private final ExecutorService callbackWorkers;
    private final ScheduledExecutorService poller;
    /** On a shared store, the heartbeat and the lease deadlines, each on a thread of its own; else null. */
    private final ScheduledExecutorService leases;
    private final ServerConnector connector;
    private final boolean tls;
    private final Duration shutdownGrace;

    private Receiver(Server server, ServerConnector connector, boolean tls, Duration shutdownGrace, Database db, RunStore runs,
            HookRunner hookRunner, OutboxDrain drain, ExecutorService callbackWorkers, ScheduledExecutorService poller,
            ScheduledExecutorService leases) {
        this.leases = leases;
        this.server = server;
        this.connector = connector;
        this.tls = tls;
        this.shutdownGrace = shutdownGrace;
        this.db = db;
        this.runs = runs;
        this.hookRunner = hookRunner;
        this.drain = drain;
        this.callbackWorkers = callbackWorkers;
        this.poller = poller;
    }

    public static Receiver start(ReceiverConfig config, UnaryOperator<String> environment, Clock clock) throws Exception {
        Database db = open(config, environment, clock);
        try {
            return start(config, environment, clock, db);
        } catch (Exception | Error e) {
            // A start that fails before or after the Receiver exists leaves no connection or store thread behind.
            try {
                db.close();
            } catch (IOException closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
    }

    /** The store the configuration names: SQLite in {@code dataDir}, or the PostgreSQL database replicas share. */
    static Database open(ReceiverConfig config, UnaryOperator<String> environment, Clock clock) throws IOException {
        if (config.store() instanceof ReceiverConfig.Store.Postgres pg) {
            return Database.openPostgres(pg.url(), pg.user(), environment.apply(pg.passwordEnv()),
                    new Database.Replica(config.replicaId(), pg.lease()));
        }
        return Database.open(config.dataDir());
    }

    private static Receiver start(ReceiverConfig config, UnaryOperator<String> environment, Clock clock, Database db)
            throws Exception {
        RunStore runs = new RunStore(db);
        DeliveryStore deliveries = new DeliveryStore(db);
        Metrics metrics = new Metrics();
        db.replica().ifPresent(replica -> metrics.replica(replica.id()));
        SecureRandom random = new SecureRandom();

        Dispatcher dispatcher = Dispatcher.builder()
                .httpClient(HttpClient.newBuilder())
                .clock(clock)
                .random(random)
                .urlPolicy(UrlPolicy.allowing(config.callbackAllow()))
                .secrets(new CallbackSecrets(config))
                .version(Version.get())
                .build();
        ExecutorService callbackWorkers = Executors.newFixedThreadPool(CALLBACK_CONCURRENCY, daemon("callback"));
        SqliteOutbox outbox = new SqliteOutbox(db);
        OutboxDrain drain = new OutboxDrain(outbox, dispatcher, callbackWorkers, CALLBACK_CONCURRENCY);
        Callbacks callbacks = new Callbacks(drain, clock, random, metrics);
        ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(daemon("outbox"));

        CommandRunner commands = new CommandRunner(environment);
        if (commands.setsid().isEmpty()) {
            LOGGER.warning("setsid (util-linux) is not on the PATH: commands run in the receiver's own session, so after a"
                    + " crash only a command still running and the processes still below it can be ended, not those it"
                    + " left behind; install util-linux");
        }
        HookRunner hookRunner = new HookRunner(config, db, runs, deliveries, commands, callbacks, metrics,
                Executors.newCachedThreadPool(daemon("run")), clock);
        EngineSettings settings = config.engine();
        Map<String, WebhookEngine> engines = new HashMap<>();
        // One count per client for all hooks: a flood spread over the hooks gets no more HMACs than one at a single hook.
        ClientLimiter limiter = new ClientLimiter(config.rateLimit(), clock);
        for (HookConfig hook : config.hooks()) {
            SubscriptionRegistry registry = new SubscriptionRegistry();
            registry.replace(SubscriptionIndex.of(List.of(hook.subscription())));
            DuplicateWindow window = new DuplicateWindow(DUPLICATE_ENTRIES, DUPLICATE_WINDOW, clock);
            window.restore(deliveries.acceptedSince(hook.id(), clock.instant().minus(DUPLICATE_WINDOW)).stream()
                    .map(seen -> new DuplicateWindow.Accepted(BuildScheduler.PushDelivery.deliveryIdOf(seen.id()), seen.at(),
                            seen.started(), seen.bodyDigest()))
                    .toList());
            engines.put(hook.id(), new WebhookEngine(() -> settings, registry, window, limiter, DeliveryListener.NONE,
                    hookRunner, clock));
        }

        // Bodies are read as they arrive (ReceiverHandler), so a thread is taken only by a request ready to be answered.
        QueuedThreadPool threads = new QueuedThreadPool(MAX_THREADS, 4);
        threads.setName("http");
        Server server = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        ServerConnector connector;
        if (config.tls().isPresent()) {
            ReceiverConfig.Tls t = config.tls().get();
            SslContextFactory.Server ssl = new SslContextFactory.Server();
            ssl.setKeyStorePath(t.keystore().toString());
            ssl.setKeyStoreType("PKCS12");
            ssl.setKeyStorePassword(environment.apply(t.passwordEnv()));
            SecureRequestCustomizer secure = new SecureRequestCustomizer();
            // Deliveries may address the receiver by IP; the certificate's names are not a request's concern here.
            secure.setSniHostCheck(false);
            http.addCustomizer(secure);
            connector = new ServerConnector(server, new SslConnectionFactory(ssl, HttpVersion.HTTP_1_1.asString()),
                    new HttpConnectionFactory(http));
        } else {
            connector = new ServerConnector(server, new HttpConnectionFactory(http));
        }
        InetSocketAddress listen = config.listen();
        connector.setHost(listen.getHostString());
        connector.setPort(listen.getPort());
        ReceiverConfig.Connections limits = config.connections();
        connector.setIdleTimeout(limits.idleTimeout().toMillis());
        HeaderDeadline headerDeadline = new HeaderDeadline(limits.headerTimeout(), connector.getScheduler(),
                () -> metrics.connectionClosed("header_timeout"));
        connector.addBean(headerDeadline);
        // One body at the limit, with the byte past it that marks an oversized one, always fits.
        BodyBudget budget = new BodyBudget(Math.max(limits.maxBufferedBytes(), config.maxBodyBytes() + 1));
        metrics.gauge("signed_webhook_body_bytes_buffered", "Bytes the request bodies being read hold now (at most"
                + " maxBufferedBytes).", budget::held);
        server.addConnector(connector);
        metrics.gauge("signed_webhook_runs_queued", "Runs waiting to start (at most one per hook).",
                () -> countOrNaN(runs::countQueued));
        metrics.gauge("signed_webhook_callbacks_pending", "Callbacks stored and not yet delivered or given up.",
                () -> countOrNaN(outbox::countPending));
        drain.onAttempt(attempt -> metrics.callbackAttempt(attempt.decision().delivered() ? "delivered"
                : attempt.decision().stopReason().isPresent() ? "given_up" : "retry"));
        metrics.gauge("signed_webhook_store_writable", "1 while the store can be written, 0 since a write failed or while"
                + " a run's end waits to be stored.", () -> db.lastWriteCommitted() && hookRunner.problem().isEmpty() ? 1 : 0);
        metrics.total("signed_webhook_store_write_failures", "Transactions on the store that failed (disk full,"
                + " read-only, I/O error).", db::writeFailures);
        StoreHealth health = new StoreHealth(db, clock, Duration.ofSeconds(1),
                () -> hookRunner.problem().or(hookRunner::leaseProblem));
        server.setHandler(new ReceiverHandler(engines, metrics, health, config.maxBodyBytes(), limits, budget,
                headerDeadline, (hook, answer) -> {
            metrics.delivery(hook, answer.verdict().result());
            // An accepted delivery's id was stored with its run, in HookRunner.schedule's transaction.
            LOGGER.info(DeliveryLogLine.of(hook, answer.record()));
        }));
        server.setErrorHandler(new JsonErrorHandler());
        server.setStopTimeout(config.shutdownGrace().toMillis());

        Receiver receiver = new Receiver(server, connector, config.tls().isPresent(), config.shutdownGrace(), db, runs,
                hookRunner, drain,
                callbackWorkers, poller, db.replica().isPresent()
                        ? Executors.newScheduledThreadPool(2, daemon("lease")) : null);
        try {
            server.start();
        } catch (Exception e) {
            receiver.halt();
            throw new IOException("listen: cannot serve on " + listen.getHostString() + ":" + listen.getPort() + ": "
                    + e.getMessage(), e);
        }
        if (receiver.leases != null) {
            // Renewed once before any run can start here: a replica starts runs only while its lease is fresh.
            hookRunner.heartbeat();
            Duration lease = db.replica().get().lease();
            long beat = Math.max(1, db.replica().get().heartbeatEvery().toMillis());
            receiver.leases.scheduleWithFixedDelay(hookRunner::heartbeat, beat, beat, TimeUnit.MILLISECONDS);
            long check = Math.max(10, lease.toMillis() / 20);
            receiver.leases.scheduleWithFixedDelay(hookRunner::enforceLeases, check, check, TimeUnit.MILLISECONDS);
        }
        try {
            hookRunner.recover();
        } catch (InterruptedException e) {
            receiver.halt();
            throw e;
        } catch (IOException | RuntimeException e) {
            // Each leftover run is recovered in its own transaction: those not yet recovered stay for the next start.
            receiver.halt();
            throw new IOException("dataDir: cannot recover the runs a previous start left: " + e.getMessage(), e);
        }
        drain.start(poller, Duration.ofSeconds(1));
        // Stores what a failing store left owed and restarts the runs it held up, with no restart of the receiver.
        poller.scheduleWithFixedDelay(hookRunner::heal, 1, 1, TimeUnit.SECONDS);
        if (db.replica().isPresent()) {
            long every = Math.max(1, db.replica().get().lease().toMillis() / 3);
            poller.scheduleWithFixedDelay(hookRunner::takeOverExpired, every, every, TimeUnit.MILLISECONDS);
        }
        new Maintenance(deliveries, outbox, clock, DUPLICATE_WINDOW, DEAD_LETTER_KEEP)
                .schedule(poller, MAINTENANCE_EVERY);
        LOGGER.info(() -> "signed-webhook receiver " + Version.get() + " listening on " + receiver.baseUri() + " with "
                + config.hooks().size() + " hook(s), data in " + config.dataDir()
                + db.replica().map(r -> ", shared store as replica " + r.id()).orElse(""));
        return receiver;
    }

    /** A gauge's value read from the database at scrape time; NaN (no value) when it cannot be read. */
    private static double countOrNaN(Database.Work<Long> count) {
        try {
            return count.run();
        } catch (IOException e) {
            return Double.NaN;
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    public URI baseUri() {
        String host = connector.getHost() == null ? "127.0.0.1" : connector.getHost();
        return URI.create((tls ? "https" : "http") + "://" + (host.contains(":") ? "[" + host + "]" : host) + ":"
                + connector.getLocalPort());
    }

    public RunStore runs() {
        return runs;
    }

    /**
     * Graceful: stop taking requests, let running commands finish (up to {@code shutdownGrace}, 30 s unless configured),
     * keep queued runs for the next start.
     */
    @Override
    public void close() throws Exception {
        LOGGER.info("stopping");
        long deadline = System.nanoTime() + shutdownGrace.toNanos();
        Exception failure = null;
        try {
            server.stop();
        } catch (TimeoutException e) {
            // Jetty has stopped all the same, cutting off the connections still open; the rest stops as usual.
            LOGGER.warning(() -> "connections still open after " + shutdownGrace.toMillis() + " ms were closed");
        } catch (Exception e) {
            failure = e;
        }
        try {
            // One grace for the whole stop: what the requests took is not given to the commands again.
            hookRunner.stop(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
        } finally {
            stopStores();
        }
        if (failure != null) {
            throw failure;
        }
        LOGGER.info("stopped");
    }

    /** As a crash: running commands are killed and their runs left "running", for the next start to recover. */
    public void halt() throws Exception {
        hookRunner.halt();
        db.keepReplicaIdOnClose();
        try {
            server.stop();
        } finally {
            stopStores();
        }
    }

    /** The callbacks, the maintenance on their poller, then the database: each step even if one before failed. */
    private void stopStores() throws Exception {
        try {
            drain.close();
            poller.shutdownNow();
            // A maintenance pass stops between its batches; the database is closed only after it.
            poller.awaitTermination(10, TimeUnit.SECONDS);
            callbackWorkers.shutdown();
            callbackWorkers.awaitTermination(5, TimeUnit.SECONDS);
            if (leases != null) {
                // Last: the leases of the runs still ending were renewed until now.
                leases.shutdownNow();
                leases.awaitTermination(5, TimeUnit.SECONDS);
            }
        } finally {
            db.close();
        }
    }
}
