package io.jenkins.plugins.signedwebhook.receiver.config;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** A validated configuration: every secret read, every pattern compiled, every path resolved. */
public record ReceiverConfig(
        InetSocketAddress listen, Path dataDir, long maxBodyBytes, Optional<Tls> tls, List<String> callbackAllow,
        Duration shutdownGrace, List<HookConfig> hooks) {

    public ReceiverConfig {
        tls = tls == null ? Optional.empty() : tls;
        callbackAllow = List.copyOf(callbackAllow);
        hooks = List.copyOf(hooks);
    }

    /** A PKCS#12 keystore; the password is held only as the name of the variable that has it. */
    public record Tls(Path keystore, String passwordEnv) {}

    /** The same configuration listening elsewhere; tests use port 0. */
    public ReceiverConfig withListen(InetSocketAddress address) {
        return new ReceiverConfig(address, dataDir, maxBodyBytes, tls, callbackAllow, shutdownGrace, hooks);
    }

    public Optional<HookConfig> hook(String id) {
        return hooks.stream().filter(h -> h.id().equals(id)).findFirst();
    }
}
