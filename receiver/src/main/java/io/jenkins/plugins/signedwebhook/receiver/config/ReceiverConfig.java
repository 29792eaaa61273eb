package io.jenkins.plugins.signedwebhook.receiver.config;

import io.jenkins.plugins.signedwebhook.core.inbound.EngineSettings;
import io.jenkins.plugins.signedwebhook.core.inbound.limit.FloodLimits;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A validated configuration: every secret read, every pattern compiled, every path resolved.
 *
 * @param rateLimit how many failed verifications each client may make, for all hooks together
 * @param gitlabTimestampTolerance how far a GitLab {@code webhook-timestamp} may be from this receiver's clock
 */
public record ReceiverConfig(
        InetSocketAddress listen, Path dataDir, long maxBodyBytes, Optional<Tls> tls, List<String> callbackAllow,
        Duration shutdownGrace, Connections connections, Store store, String replicaId, FloodLimits rateLimit,
        Duration gitlabTimestampTolerance, List<HookConfig> hooks) {

    public ReceiverConfig {
        tls = tls == null ? Optional.empty() : tls;
        Objects.requireNonNull(connections);
        Objects.requireNonNull(store);
        Objects.requireNonNull(replicaId);
        Objects.requireNonNull(rateLimit);
        Objects.requireNonNull(gitlabTimestampTolerance);
        callbackAllow = List.copyOf(callbackAllow);
        hooks = List.copyOf(hooks);
    }

    /** A PKCS#12 keystore; the password is held only as the name of the variable that has it. */
    public record Tls(Path keystore, String passwordEnv) {}

    /**
     * How long a client may take to send a request: a connection whose request line and headers are not complete
     * {@code headerTimeout} after it opened (or after its previous answer), or that sends and receives nothing for
     * {@code idleTimeout}, is closed; a body must send {@code minBodyRate} bytes a second in every {@code headerTimeout},
     * and is answered 408 and its connection closed when it does not. The bodies being read hold at most
     * {@code maxBufferedBytes} together; one more is answered 503 and its connection closed.
     */
    public record Connections(Duration headerTimeout, Duration idleTimeout, long minBodyRate, long maxBufferedBytes) {}

    /** Where deliveries, runs and callbacks are kept. */
    public sealed interface Store {
        /** {@code receiver.db} in {@code dataDir}: one receiver on one machine (the default). */
        record Sqlite() implements Store {}

        /**
         * A PostgreSQL database that several replicas share; the password is held only as the name of the variable
         * that has it.
         *
         * @param lease how long a replica's hold on a running run lasts without a heartbeat before another takes it over
         */
        record Postgres(String url, String user, String passwordEnv, Duration lease) implements Store {}
    }

    /** The same configuration listening elsewhere; tests use port 0. */
    public ReceiverConfig withListen(InetSocketAddress address) {
        return new ReceiverConfig(address, dataDir, maxBodyBytes, tls, callbackAllow, shutdownGrace, connections, store,
                replicaId, rateLimit, gitlabTimestampTolerance, hooks);
    }

    /** The settings every hook's engine reads deliveries with. */
    public EngineSettings engine() {
        return EngineSettings.defaults().withMaxBodyBytes(maxBodyBytes).withTimestampTolerance(gitlabTimestampTolerance);
    }

    public Optional<HookConfig> hook(String id) {
        return hooks.stream().filter(h -> h.id().equals(id)).findFirst();
    }
}
