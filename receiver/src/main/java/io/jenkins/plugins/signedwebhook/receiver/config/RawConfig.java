package io.jenkins.plugins.signedwebhook.receiver.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * The YAML file as written, before validation; every field may be missing. {@code keepRuns}, {@code minBodyRate} and
 * {@code maxBufferedBytes} stay nodes so that a fraction or a quoted number is refused rather than silently converted.
 */
record RawConfig(
        String listen, String dataDir, Long maxBodyBytes, Tls tls, List<String> callbackAllow, String shutdownGrace,
        String headerTimeout, String idleTimeout, JsonNode minBodyRate, JsonNode maxBufferedBytes,
        Store store, String replicaId, RateLimit rateLimit, String gitlabTimestampTolerance, List<Hook> hooks) {

    record Tls(String keystore, String passwordEnv) {}

    record Store(Postgres postgres) {}

    record Postgres(String url, String user, String passwordEnv, String lease) {}

    /** The counts stay nodes, as {@code minBodyRate} does. */
    record RateLimit(JsonNode burst, JsonNode perMinute, List<String> trustedProxies) {}

    record Hook(
            String id,
            String forge,
            String host,
            Boolean tokenOnly,
            String repository,
            List<String> refs,
            Paths paths,
            List<String> events,
            Boolean buildOnDelete,
            List<SecretRef> secrets,
            List<String> command,
            String workdir,
            List<String> env,
            String timeout,
            String onInterrupted,
            Long maxLogBytes,
            JsonNode keepRuns,
            List<Callback> callbacks) {}

    record Paths(List<String> include, List<String> exclude) {}

    record SecretRef(String env, String file) {}

    /** {@code fields} stays a node so that a list, a mapping or a null value is refused naming its key. */
    record Callback(String url, SecretRef secret, String scheme, JsonNode fields) {}
}
