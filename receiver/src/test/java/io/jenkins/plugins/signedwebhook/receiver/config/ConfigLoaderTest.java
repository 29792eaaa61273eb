package io.jenkins.plugins.signedwebhook.receiver.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class ConfigLoaderTest {
    private static final String SECRET_VALUE = "super-secret-value";
    private static final String KEYSTORE_PASSWORD = "keystore-password";
    private static Path serverKeystore;
    private static Path certificateOnlyKeystore;

    @TempDir
    Path dir;

    private final ConfigLoader loader = new ConfigLoader(Map.of(
            "APP_HOOK_SECRET", SECRET_VALUE, "CALLBACK_SECRET", "cb", "KS_PASSWORD", KEYSTORE_PASSWORD, "EMPTY", "")::get);

    private static final String VALID = """
            listen: 127.0.0.1:9000
            dataDir: ./data
            maxBodyBytes: 26214400
            callbackAllow: []
            hooks:
              - id: app
                repository: owner/app
                refs: [main, "release/*"]
                paths: {include: ["src/**"], exclude: ["docs/**"]}
                events: [push]
                secrets: [{env: APP_HOOK_SECRET}, {file: old.secret}]
                command: ["./deploy.sh", "--fast"]
                workdir: .
                env: [PATH, HOME]
                timeout: 10m
                onInterrupted: requeue
                keepRuns: 50
                callbacks:
                  - url: https://ci.example/hooks/deploys
                    secret: {env: CALLBACK_SECRET}
                    scheme: standard-webhooks
                    fields: {environment: production}
            """;

    private ReceiverConfig parse(String yaml) throws ConfigException {
        return loader.parse(yaml, dir, "receiver.yml");
    }

    @Test
    void readsEveryDocumentedKey() throws Exception {
        Files.writeString(dir.resolve("old.secret"), "previous\n");
        ReceiverConfig config = parse(VALID);
        HookConfig hook = config.hooks().get(0);
        assertThat(config.listen().getPort()).isEqualTo(9000);
        assertThat(config.dataDir()).isEqualTo(dir.resolve("data"));
        assertThat(hook.subscription().secrets()).hasSize(2);
        assertThat(hook.command()).containsExactly("./deploy.sh", "--fast");
        assertThat(hook.timeout()).isEqualTo(Duration.ofMinutes(10));
        assertThat(hook.onInterrupted()).isEqualTo(HookConfig.OnInterrupted.REQUEUE);
        assertThat(hook.keepRuns()).isEqualTo(50);
        assertThat(hook.callbacks().get(0).fields()).containsEntry("environment", "production");
        assertThat(hook.callbacks().get(0).scheme()).isEqualTo(HookConfig.Scheme.STANDARD_WEBHOOKS);
        assertThat(hook.callbacks().get(0).secrets()).allSatisfy(s -> {
            assertThat(s.signsStandardWebhooks()).isTrue();
            assertThat(s.signsGitHub()).as("scheme: standard-webhooks sends no X-Hub-Signature-256").isFalse();
        });
    }

    @Test
    void shutdownGraceDefaultsToThirtySecondsAndIsRead() throws Exception {
        Files.writeString(dir.resolve("old.secret"), "previous");
        assertThat(parse(VALID).shutdownGrace()).isEqualTo(Duration.ofSeconds(30));
        assertThat(parse("shutdownGrace: 10m\n" + VALID).shutdownGrace()).isEqualTo(Duration.ofMinutes(10));
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
        "0s | must be longer than zero",
        "soon | must be a number and a unit",
        "2h | must be at most 1h, not 2h"})
    void aBadShutdownGraceNamesTheFieldAndLine(String value, String problem) throws Exception {
        Files.writeString(dir.resolve("old.secret"), "previous");
        assertThatThrownBy(() -> parse("shutdownGrace: " + value + "\n" + VALID))
                .hasMessageStartingWith("receiver.yml:1: shutdownGrace: " + problem);
    }

    @Test
    void connectionLimitsDefaultToTenSecondsThirtySecondsAKilobyteASecondAnd256MiBOfBodies() throws Exception {
        Files.writeString(dir.resolve("old.secret"), "previous");
        assertThat(parse(VALID).connections())
                .isEqualTo(new ReceiverConfig.Connections(Duration.ofSeconds(10), Duration.ofSeconds(30), 1024,
                        256L * 1024 * 1024));
    }

    @Test
    void connectionLimitsAreRead() throws Exception {
        Files.writeString(dir.resolve("old.secret"), "previous");
        assertThat(parse("headerTimeout: 2s\nidleTimeout: 5m\nminBodyRate: 100\nmaxBufferedBytes: 30000000\n" + VALID)
                .connections())
                .isEqualTo(new ReceiverConfig.Connections(Duration.ofSeconds(2), Duration.ofMinutes(5), 100,
                        30_000_000));
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
        "headerTimeout: 0s | headerTimeout: must be longer than zero",
        "headerTimeout: slow | headerTimeout: must be a number and a unit",
        "headerTimeout: 6m | headerTimeout: must be at most 5m, not 6m",
        "idleTimeout: 0ms | idleTimeout: must be longer than zero",
        "idleTimeout: 2h | idleTimeout: must be at most 1h, not 2h",
        "minBodyRate: 0 | minBodyRate: must be a whole number of bytes per second between 1 and 104857600, not '0'",
        "minBodyRate: 1.5 | minBodyRate: must be a whole number of bytes per second between 1 and 104857600, not '1.5'",
        "minBodyRate: \"1024\" | minBodyRate: must be a whole number of bytes per second between 1 and 104857600, not '1024'",
        "minBodyRate: 104857601 | minBodyRate: must be a whole number of bytes per second between 1 and 104857600",
        "maxBufferedBytes: 1.5 | maxBufferedBytes: must be a whole number of bytes, at least maxBodyBytes (26214400), not '1.5'",
        "maxBufferedBytes: 1000 | maxBufferedBytes: must be a whole number of bytes, at least maxBodyBytes (26214400), not '1000'"})
    void aBadConnectionLimitNamesTheFieldAndLine(String line, String problem) throws Exception {
        Files.writeString(dir.resolve("old.secret"), "previous");
        assertThatThrownBy(() -> parse("listen: 127.0.0.1:9000\n" + line + "\n" + VALID.replace("listen: 127.0.0.1:9000\n", "")))
                .hasMessageStartingWith("receiver.yml:2: " + problem);
    }

    @Test
    void theRateLimitDefaultsToTheCoresAndTrustsNoProxy() throws Exception {
        Files.writeString(dir.resolve("old.secret"), "previous");
        assertThat(parse(VALID).rateLimit())
                .isEqualTo(io.jenkins.plugins.signedwebhook.core.inbound.limit.FloodLimits.defaults());
    }

    @Test
    void theRateLimitIsRead() throws Exception {
        Files.writeString(dir.resolve("old.secret"), "previous");
        var limits = parse("rateLimit: {burst: 10, perMinute: 5, trustedProxies: [10.0.0.0/8, \"2001:db8::1\"]}\n" + VALID)
                .rateLimit();
        assertThat(limits.burst()).isEqualTo(10);
        assertThat(limits.perMinute()).isEqualTo(5);
        assertThat(limits.trustedProxies()).extracting(Object::toString).containsExactly("10.0.0.0/8", "2001:db8:0:0:0:0:0:1/128");
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
        "rateLimit: {burst: 0} | rateLimit.burst: must be a whole number between 1 and 100000, not '0'",
        "rateLimit: {burst: 2.5} | rateLimit.burst: must be a whole number between 1 and 100000, not '2.5'",
        "rateLimit: {perMinute: 60001} | rateLimit.perMinute: must be a whole number between 1 and 60000, not '60001'",
        "rateLimit: {trustedProxies: [proxy.example]} | rateLimit.trustedProxies[0]: 'proxy.example' is not an IP address or CIDR block",
        "rateLimit: {trustedProxies: [10.0.0.0/33]} | rateLimit.trustedProxies[0]: '10.0.0.0/33' has a prefix length outside 0..32",
        "rateLimit: {trustedProxies: [\"\"]} | rateLimit.trustedProxies[0]: must not be empty"})
    void aBadRateLimitNamesTheFieldAndLine(String line, String problem) throws Exception {
        Files.writeString(dir.resolve("old.secret"), "previous");
        assertThatThrownBy(() -> parse("listen: 127.0.0.1:9000\n" + line + "\n" + VALID.replace("listen: 127.0.0.1:9000\n", "")))
                .hasMessageStartingWith("receiver.yml:2: " + problem);
    }

    @Test
    void theGitLabTimestampToleranceIsFiveMinutesUnlessSetAndReachesTheEngine() throws Exception {
        Files.writeString(dir.resolve("old.secret"), "previous");
        assertThat(parse(VALID).engine().timestampTolerance()).isEqualTo(Duration.ofMinutes(5));
        ReceiverConfig set = parse("gitlabTimestampTolerance: 90s\n" + VALID);
        assertThat(set.gitlabTimestampTolerance()).isEqualTo(Duration.ofSeconds(90));
        assertThat(set.engine().timestampTolerance()).isEqualTo(Duration.ofSeconds(90));
        assertThat(set.engine().maxBodyBytes()).isEqualTo(26_214_400);
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
        "59s | the GitLab timestamp tolerance must be from 60 to 3600 seconds (1 minute to 1 hour), not 59 seconds",
        "2h | the GitLab timestamp tolerance must be from 60 to 3600 seconds (1 minute to 1 hour), not 7200 seconds",
        "0s | must be longer than zero",
        "five minutes | must be a number and a unit"})
    void aBadGitLabTimestampToleranceNamesTheFieldAndLine(String value, String problem) throws Exception {
        Files.writeString(dir.resolve("old.secret"), "previous");
        assertThatThrownBy(() -> parse("listen: 127.0.0.1:9000\ngitlabTimestampTolerance: " + value + "\n"
                + VALID.replace("listen: 127.0.0.1:9000\n", "")))
                .hasMessageStartingWith("receiver.yml:2: gitlabTimestampTolerance: " + problem);
    }

    @Test
    void unknownFieldIsNamedWithItsLine() {
        assertThatThrownBy(() -> parse("hooks:\n  - id: app\n    comand: [x]\n"))
                .hasMessageStartingWith("receiver.yml:3: hooks[0].comand: unknown field");
    }

    @Test
    void missingSecretVariableNamesTheFieldAndNotTheValue() {
        assertThatThrownBy(() -> parse(VALID.replace("{env: APP_HOOK_SECRET}", "{env: NOT_SET}")))
                .hasMessageContaining("receiver.yml:11: hooks[0].secrets[0].env: environment variable NOT_SET is not set")
                .hasMessageNotContaining(SECRET_VALUE);
    }

    @Test
    void inlineSecretIsRefused() {
        assertThatThrownBy(() -> parse(VALID.replace("{env: APP_HOOK_SECRET}", "{value: inline}")))
                .hasMessageContaining("hooks[0].secrets[0].value: unknown field");
    }

    @Test
    void badTimeoutNamesTheField() throws Exception {
        Files.writeString(dir.resolve("old.secret"), "previous");
        assertThatThrownBy(() -> parse(VALID.replace("timeout: 10m", "timeout: ten minutes")))
                .hasMessageContaining("receiver.yml:15: hooks[0].timeout: must be a number and a unit");
    }

    @Test
    void badRefPatternNamesTheField() throws Exception {
        Files.writeString(dir.resolve("old.secret"), "previous");
        assertThatThrownBy(() -> parse(VALID.replace("refs: [main, \"release/*\"]", "refs: [\"!\"]")))
                .hasMessageContaining("hooks[0].refs:");
    }

    @Test
    void commandMustBeAList() throws Exception {
        Files.writeString(dir.resolve("old.secret"), "previous");
        assertThatThrownBy(() -> parse(VALID.replace("command: [\"./deploy.sh\", \"--fast\"]", "command: ./deploy.sh --fast")))
                .hasMessageContaining("hooks[0].command: expected a list");
    }

    @Test
    void duplicateHookIdsAreRefused() throws Exception {
        Files.writeString(dir.resolve("old.secret"), "previous");
        String second = VALID.substring(VALID.indexOf("  - id: app"));
        assertThatThrownBy(() -> parse(VALID + second)).hasMessageContaining("hooks[1].id: 'app' is used by an earlier hook");
    }

    @Test
    void unknownOnInterruptedValueIsRefused() throws Exception {
        Files.writeString(dir.resolve("old.secret"), "previous");
        assertThatThrownBy(() -> parse(VALID.replace("onInterrupted: requeue", "onInterrupted: retry")))
                .hasMessageContaining("receiver.yml:16: hooks[0].onInterrupted: must be requeue or fail");
    }

    @Test
    void keepRunsDefaultsToAThousand() throws Exception {
        Files.writeString(dir.resolve("old.secret"), "previous");
        assertThat(parse(VALID.replace("    keepRuns: 50\n", "")).hooks().get(0).keepRuns()).isEqualTo(1000);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-3", "2.5", "ten", "'5'", "3000000000"})
    void keepRunsThatIsNotAPositiveWholeNumberNamesTheFieldAndLine(String value) throws Exception {
        Files.writeString(dir.resolve("old.secret"), "previous");
        assertThatThrownBy(() -> parse(VALID.replace("keepRuns: 50", "keepRuns: " + value)))
                .hasMessageContaining("receiver.yml:17: hooks[0].keepRuns: must be a whole number of at least 1");
    }

    @Test
    void missingFieldPointsAtTheLineOfItsHook() throws Exception {
        Files.writeString(dir.resolve("old.secret"), "previous");
        assertThatThrownBy(() -> parse(VALID.replace("    repository: owner/app\n", "")))
                .hasMessage("receiver.yml:6: hooks[0].repository: is required, as in owner/app");
    }

    @Test
    void invalidYamlNamesTheLineOfTheError() {
        assertThatThrownBy(() -> parse(VALID.replace("    events: [push]", "\tevents: [push]")))
                .hasMessageStartingWith("receiver.yml: not valid YAML at line 10: found character")
                .hasMessageNotContaining("events: [push]");
    }

    @Test
    void callbackFieldsTakeNumbersAndBooleansAsTextAndAnyNameSinceTheyHaveTheirOwnObject() throws Exception {
        Files.writeString(dir.resolve("old.secret"), "previous");
        ReceiverConfig config = parse(VALID.replace("fields: {environment: production}",
                "fields: {environment: production, replicas: 3, canary: true, ratio: 0.5, status: mine, version: 1.10,"
                        + " budget: 1e3, build: 007}"));
        // The callback writes them under data.fields, so "status" cannot collide with data.status; numbers are sent
        // as written (a version 1.10 is not 1.1).
        assertThat(config.hooks().get(0).callbacks().get(0).fields()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "environment", "production", "replicas", "3", "canary", "true", "ratio", "0.5", "status", "mine",
                "version", "1.10", "budget", "1e3", "build", "007"));
    }

    @Test
    void listenAcceptsAHostNameThatResolves() throws Exception {
        Files.writeString(dir.resolve("old.secret"), "previous");
        ReceiverConfig config = parse(VALID.replace("listen: 127.0.0.1:9000", "listen: localhost:9000"));
        assertThat(config.listen().getHostString()).isEqualTo("localhost");
    }

    @Test
    void callbackAllowTakesHostsAddressesAndBlocks() throws Exception {
        Files.writeString(dir.resolve("old.secret"), "previous");
        ReceiverConfig config = parse(VALID.replace("callbackAllow: []", "callbackAllow: [ci.internal, 127.0.0.1, \"10.0.0.0/8\"]"));
        assertThat(config.callbackAllow()).containsExactly("ci.internal", "127.0.0.1", "10.0.0.0/8");
    }

    @Test
    void callbackToALoopbackAddressIsAcceptedWhenCallbackAllowOpensIt() throws Exception {
        Files.writeString(dir.resolve("old.secret"), "previous");
        ReceiverConfig config = parse(VALID.replace("callbackAllow: []", "callbackAllow: [127.0.0.1]")
                .replace("url: https://ci.example/hooks/deploys", "url: http://127.0.0.1:8080/deploys"));
        assertThat(config.hooks().get(0).callbacks().get(0).url()).hasHost("127.0.0.1");
    }

    @Test
    void tlsKeystoreThatOpensWithThePasswordAndHoldsAKeyIsAccepted() throws Exception {
        Files.writeString(dir.resolve("old.secret"), "previous");
        ReceiverConfig config = parse(tls(serverKeystore, "KS_PASSWORD") + VALID);
        assertThat(config.tls()).hasValueSatisfying(t -> assertThat(t.keystore()).isEqualTo(serverKeystore));
    }

    @Test
    void tlsKeystoreWithAWrongPasswordNamesPasswordEnvAndNotThePassword() throws Exception {
        Files.writeString(dir.resolve("old.secret"), "previous");
        ConfigLoader wrong = new ConfigLoader(Map.of("APP_HOOK_SECRET", SECRET_VALUE, "CALLBACK_SECRET", "cb",
                "WRONG_PASSWORD", "not-the-password")::get);
        assertThatThrownBy(() -> wrong.parse(tls(serverKeystore, "WRONG_PASSWORD") + VALID, dir, "receiver.yml"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("receiver.yml:1: tls.passwordEnv: the password in WRONG_PASSWORD does not open " + serverKeystore)
                .hasMessageNotContaining("not-the-password");
    }

    @Test
    void tlsKeystoreWithoutAPrivateKeyIsRefused() throws Exception {
        Files.writeString(dir.resolve("old.secret"), "previous");
        assertThatThrownBy(() -> parse(tls(certificateOnlyKeystore, "KS_PASSWORD") + VALID))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("receiver.yml:1: tls.keystore: " + certificateOnlyKeystore + " holds no private key")
                .hasMessageNotContaining(KEYSTORE_PASSWORD);
    }

    private static String tls(Path keystore, String passwordEnv) {
        return "tls: {keystore: \"" + keystore + "\", passwordEnv: " + passwordEnv + "}\n";
    }

    /** A server keystore as {@code keytool} makes one, and a keystore holding only its certificate. */
    @BeforeAll
    static void keystores(@TempDir Path keys) throws Exception {
        serverKeystore = keys.resolve("server.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-keyalg", "EC", "-alias", "receiver", "-dname", "CN=localhost", "-validity", "2",
                "-storetype", "PKCS12", "-keystore", serverKeystore.toString(), "-storepass", KEYSTORE_PASSWORD)
                .redirectErrorStream(true).start();
        keytool.getInputStream().transferTo(OutputStream.nullOutputStream());
        assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(keytool.exitValue()).isZero();

        KeyStore server = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(serverKeystore)) {
            server.load(in, KEYSTORE_PASSWORD.toCharArray());
        }
        KeyStore certificateOnly = KeyStore.getInstance("PKCS12");
        certificateOnly.load(null, null);
        certificateOnly.setCertificateEntry("receiver", server.getCertificate("receiver"));
        certificateOnlyKeystore = keys.resolve("certificate-only.p12");
        try (OutputStream out = Files.newOutputStream(certificateOnlyKeystore)) {
            certificateOnly.store(out, KEYSTORE_PASSWORD.toCharArray());
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("badFields")
    void everyBadFieldIsNamedWithItsLineAndTheProblem(String field, String yaml, int line, String problem)
            throws Exception {
        Files.writeString(dir.resolve("old.secret"), "previous\n");
        Files.writeString(dir.resolve("empty.secret"), "\n");
        Files.writeString(dir.resolve("ks.p12"), "not really a keystore");
        Files.writeString(dir.resolve("a-file"), "");
        assertThatThrownBy(() -> parse(yaml))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("receiver.yml:" + line + ": " + field + ": ")
                .hasMessageContaining(problem)
                .hasMessageNotContaining(SECRET_VALUE)
                .hasMessageNotContaining("previous")
                .hasMessageNotContaining("keystore-password");
    }

    @Test
    void withoutStoreTheReceiverKeepsSqliteInTheDataDirectory() throws Exception {
        Files.writeString(dir.resolve("old.secret"), "previous");
        assertThat(parse(VALID).store()).isEqualTo(new ReceiverConfig.Store.Sqlite());
    }

    @Test
    void storePostgresKeepsTheUrlUserAndOnlyTheNameOfThePasswordVariable() throws Exception {
        Files.writeString(dir.resolve("old.secret"), "previous");
        ReceiverConfig config = parse("replicaId: rx-1\nstore: {postgres: {url: \"jdbc:postgresql://db:5432/hooks?sslmode=require\","
                + " user: hooks, passwordEnv: KS_PASSWORD, lease: 10s}}\n" + VALID);
        assertThat(config.store()).isEqualTo(new ReceiverConfig.Store.Postgres(
                "jdbc:postgresql://db:5432/hooks?sslmode=require", "hooks", "KS_PASSWORD", Duration.ofSeconds(10)));
        assertThat(config.replicaId()).isEqualTo("rx-1");
        assertThat(config.toString()).doesNotContain(KEYSTORE_PASSWORD);
    }

    @Test
    void theLeaseIsThirtySecondsUnlessSet() throws Exception {
        Files.writeString(dir.resolve("old.secret"), "previous");
        ReceiverConfig config = parse("store: {postgres: {url: \"jdbc:postgresql://db/hooks\", user: hooks,"
                + " passwordEnv: KS_PASSWORD}}\n" + VALID);
        assertThat(((ReceiverConfig.Store.Postgres) config.store()).lease()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.replicaId()).isNotBlank();
    }

    static Stream<Arguments> badFields() {
        String tls = "tls: {keystore: ks.p12, passwordEnv: KS_PASSWORD}\n";
        String pg = "store: {postgres: {url: \"jdbc:postgresql://db/hooks\", user: hooks, passwordEnv: KS_PASSWORD}}\n";
        return Stream.of(
                Arguments.of("store", "store: {}\n" + VALID, 1, "must be {postgres: {url, user, passwordEnv}}"),
                Arguments.of("store.postgres.url", pg.replace("jdbc:postgresql://db/hooks", "jdbc:mysql://db/hooks") + VALID,
                        1, "must be a jdbc:postgresql:// URL"),
                Arguments.of("store.postgres.url", pg.replace("db/hooks", "db/hooks?password=keystore-password") + VALID,
                        1, "must not hold the password"),
                Arguments.of("store.postgres.user", pg.replace("user: hooks, ", "") + VALID, 1, "is required"),
                Arguments.of("store.postgres.passwordEnv", pg.replace("KS_PASSWORD", "NOT_SET") + VALID, 1,
                        "must name a set, non-empty environment variable"),
                Arguments.of("store.postgres.lease", pg.replace("KS_PASSWORD", "KS_PASSWORD, lease: 500ms") + VALID, 1,
                        "must be at least 1s"),
                Arguments.of("replicaId", "replicaId: \"a b\"\n" + VALID, 1, "must be 1 to 64 letters"),
                bad("listen", "listen: 127.0.0.1:9000", "listen: nowhere", 1, "must be host:port"),
                bad("listen", "listen: 127.0.0.1:9000", "listen: 127.0.0.1:70000", 1, "port must be between 0 and 65535"),
                bad("listen", "listen: 127.0.0.1:9000", "listen: no-such-host.invalid:9000", 1,
                        "host 'no-such-host.invalid' does not resolve to an address"),
                bad("listen", "listen: 127.0.0.1:9000", "listen: \"[]:9000\"", 1, "the host is empty"),
                bad("dataDir", "dataDir: ./data", "dataDir: a-file", 2, "exists and is not a directory"),
                bad("maxBodyBytes", "maxBodyBytes: 26214400", "maxBodyBytes: 0", 3, "payload limit must be between 1 and 104857600 bytes (100 MiB), not 0"),
                bad("maxBodyBytes", "maxBodyBytes: 26214400", "maxBodyBytes: 104857601", 3, "must be between 1 and"),
                bad("maxBodyBytes", "maxBodyBytes: 26214400", "maxBodyBytes: lots", 3, "expected a number"),
                Arguments.of("tls.keystore", tls.replace("ks.p12", "missing.p12") + VALID, 1, "cannot read"),
                Arguments.of("tls.keystore", tls.replace("keystore: ks.p12, ", "") + VALID, 1, "is required when tls is set"),
                Arguments.of("tls.passwordEnv", tls.replace("KS_PASSWORD", "NOT_SET") + VALID, 1,
                        "must name a set, non-empty environment variable"),
                Arguments.of("tls.passwordEnv", tls.replace("KS_PASSWORD", "EMPTY") + VALID, 1,
                        "must name a set, non-empty environment variable"),
                Arguments.of("tls.keystore", tls + VALID, 1, "ks.p12 is not a PKCS#12 keystore"),
                bad("callbackAllow[0]", "callbackAllow: []", "callbackAllow: [\"10.0.0.0/99\"]", 4,
                        "'10.0.0.0/99' has a prefix length outside 0..32"),
                bad("callbackAllow[2]", "callbackAllow: []", "callbackAllow: [127.0.0.1, ci.internal, \"10.0.0.0/x\"]", 4,
                        "'10.0.0.0/x' has a prefix length that is not a number"),
                bad("callbackAllow[1]", "callbackAllow: []", "callbackAllow: [127.0.0.1, \" \"]", 4, "must not be empty"),
                Arguments.of("hooks", VALID.substring(0, VALID.indexOf("hooks:")) + "hooks: []\n", 5,
                        "at least one hook is needed"),
                bad("hooks[0].id", "  - id: app\n    repository:", "  - repository:", 6, "is required: letters, digits"),
                bad("hooks[0].id", "id: app", "id: \"my app\"", 6, "is required: letters, digits"),
                bad("hooks[0].repository", "    repository: owner/app\n", "", 6, "is required, as in owner/app"),
                bad("hooks[0].repository", "repository: owner/app", "repository: just-a-name", 7,
                        "'just-a-name' is not owner/name or a GitHub URL"),
                bad("hooks[0].refs", "refs: [main, \"release/*\"]", "refs: [\"!\"]", 8, "'!' must be followed by a ref pattern"),
                bad("hooks[0].paths.include", "include: [\"src/**\"]", "include: [\"src//x\"]", 9,
                        "include path pattern 'src//x'"),
                bad("hooks[0].paths.exclude", "exclude: [\"docs/**\"]", "exclude: [\"docs**\"]", 9,
                        "exclude path pattern 'docs**'"),
                bad("hooks[0].events", "events: [push]", "events: []", 10, "must list at least one event"),
                bad("hooks[0].events", "events: [push]", "events: [pushh]", 10,
                        "'pushh' is not an event a hook can run for; accepted: push (ping is answered for every hook"),
                bad("hooks[0].events", "events: [push]", "events: [push, ping]", 10, "'ping' is not an event a hook can run for"),
                bad("hooks[0].buildOnDelete", "    events: [push]\n", "    events: [push]\n    buildOnDelete: maybe\n", 11,
                        "expected a boolean"),
                bad("hooks[0].secrets", "secrets: [{env: APP_HOOK_SECRET}, {file: old.secret}]", "secrets: []", 11,
                        "at least one secret is needed"),
                bad("hooks[0].secrets[0]", "{env: APP_HOOK_SECRET}", "{}", 11, "must be exactly one of {env: NAME} or {file: path}"),
                bad("hooks[0].secrets[0].env", "{env: APP_HOOK_SECRET}", "{env: NOT_SET}", 11,
                        "environment variable NOT_SET is not set or empty"),
                bad("hooks[0].secrets[0].env", "{env: APP_HOOK_SECRET}", "{env: EMPTY}", 11,
                        "environment variable EMPTY is not set or empty"),
                bad("hooks[0].secrets[1].file", "{file: old.secret}", "{file: missing.secret}", 11, "cannot read"),
                bad("hooks[0].secrets[1].file", "{file: old.secret}", "{file: empty.secret}", 11, "is empty"),
                bad("hooks[0].command", "command: [\"./deploy.sh\", \"--fast\"]", "command: []", 12, "is required: the program"),
                bad("hooks[0].workdir", "workdir: .", "workdir: no-such-dir", 13, "is not a directory"),
                bad("hooks[0].env[1]", "env: [PATH, HOME]", "env: [PATH, \"NOT-A-NAME\"]", 14,
                        "must be the name of an environment variable"),
                bad("hooks[0].timeout", "timeout: 10m", "timeout: 0s", 15, "must be longer than zero"),
                bad("hooks[0].onInterrupted", "onInterrupted: requeue", "onInterrupted: retry", 16, "must be requeue or fail"),
                bad("hooks[0].maxLogBytes", "    keepRuns: 50\n", "    maxLogBytes: 0\n    keepRuns: 50\n", 17,
                        "must be at least 1"),
                bad("hooks[0].keepRuns", "keepRuns: 50", "keepRuns: 0", 17, "must be a whole number of at least 1"),
                bad("hooks[0].callbacks[0].url", "      - url: https://ci.example/hooks/deploys\n        secret:", "      - secret:",
                        19, "is required"),
                bad("hooks[0].callbacks[0].url", "url: https://ci.example/hooks/deploys", "url: \"https://ci example/\"", 19,
                        "is not a URL"),
                bad("hooks[0].callbacks[0].url", "url: https://ci.example/hooks/deploys", "url: ftp://ci.example/x", 19,
                        "is refused, as every send to it would be: scheme 'ftp' (only http and https)"),
                bad("hooks[0].callbacks[0].url", "url: https://ci.example/hooks/deploys", "url: \"http://2130706433:8080/\"", 19,
                        "'2130706433' is not dotted-decimal IPv4"),
                bad("hooks[0].callbacks[0].url", "url: https://ci.example/hooks/deploys", "url: \"http://0x7f000001/\"", 19,
                        "'0x7f000001' is not dotted-decimal IPv4"),
                bad("hooks[0].callbacks[0].url", "url: https://ci.example/hooks/deploys", "url: \"http://10.0.0.7/\"", 19,
                        "10.0.0.7 is private and not in the allow-list"),
                bad("hooks[0].callbacks[0].url", "url: https://ci.example/hooks/deploys", "url: \"http://169.254.169.254/\"", 19,
                        "a cloud metadata address"),
                bad("hooks[0].callbacks[0].secret.env", "{env: CALLBACK_SECRET}", "{env: NOT_SET}", 20,
                        "environment variable NOT_SET is not set or empty"),
                bad("hooks[0].callbacks[0].scheme", "scheme: standard-webhooks", "scheme: hmac", 21,
                        "must be standard-webhooks, github or both, not 'hmac'"),
                bad("hooks[0].callbacks[0].fields", "fields: {environment: production}", "fields: production", 22,
                        "must be a mapping of names to string values"),
                bad("hooks[0].callbacks[0].fields", "fields: {environment: production}", "fields: {\"\": production}", 22,
                        "a field name is empty"),
                bad("hooks[0].callbacks[0].fields.environment", "fields: {environment: production}",
                        "fields: {environment: [production, staging]}", 22, "must be a string, a finite number or a boolean, not a list"),
                bad("hooks[0].callbacks[0].fields.environment", "fields: {environment: production}",
                        "fields: {environment: {name: production}}", 22, "not a mapping"),
                bad("hooks[0].callbacks[0].fields.environment", "fields: {environment: production}",
                        "fields: {environment: }", 22, "not empty"),
                bad("hooks[0].callbacks[0].fields.ratio", "fields: {environment: production}",
                        "fields: {environment: production, ratio: 1e400}", 22, "not Infinity"));
    }

    private static Arguments bad(String field, String valid, String invalid, int line, String problem) {
        if (!VALID.contains(valid)) {
            throw new IllegalArgumentException("not in VALID: " + valid);
        }
        return Arguments.of(field, VALID.replace(valid, invalid), line, problem);
    }
}
