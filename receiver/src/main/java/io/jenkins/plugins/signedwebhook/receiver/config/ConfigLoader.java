package io.jenkins.plugins.signedwebhook.receiver.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.jenkins.plugins.signedwebhook.core.forge.Forge;
import io.jenkins.plugins.signedwebhook.core.inbound.BoundedBody;
import io.jenkins.plugins.signedwebhook.core.inbound.EngineSettings;
import io.jenkins.plugins.signedwebhook.core.inbound.limit.FloodLimits;
import io.jenkins.plugins.signedwebhook.core.match.PathFilter;
import io.jenkins.plugins.signedwebhook.core.match.RefFilter;
import io.jenkins.plugins.signedwebhook.core.match.RepositoryName;
import io.jenkins.plugins.signedwebhook.core.match.Subscription;
import io.jenkins.plugins.signedwebhook.core.outbound.policy.AddressRange;
import io.jenkins.plugins.signedwebhook.core.outbound.policy.UrlDecision;
import io.jenkins.plugins.signedwebhook.core.outbound.policy.UrlPolicy;
import io.jenkins.plugins.signedwebhook.core.signature.WebhookSecret;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.UnrecoverableKeyException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Reads and validates the receiver's YAML file. Every error names the field as a path ({@code hooks[0].timeout}) and,
 * where the YAML parser knows it, the line; secrets are read from the environment or files and never appear in
 * a message.
 */
public final class ConfigLoader {
    private static final Pattern HOOK_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h)");
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final long DEFAULT_MAX_LOG_BYTES = 1024 * 1024;
    private static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(10);
    private static final Duration DEFAULT_SHUTDOWN_GRACE = Duration.ofSeconds(30);
    private static final Duration MAX_SHUTDOWN_GRACE = Duration.ofHours(1);
    private static final int DEFAULT_KEEP_RUNS = 1000;
    private static final Duration DEFAULT_HEADER_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration MAX_HEADER_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration MAX_IDLE_TIMEOUT = Duration.ofHours(1);
    private static final long DEFAULT_MIN_BODY_RATE = 1024;
    private static final long MAX_MIN_BODY_RATE = 100L * 1024 * 1024;
    private static final long DEFAULT_MAX_BUFFERED_BYTES = 256L * 1024 * 1024;
    private static final Duration DEFAULT_LEASE = Duration.ofSeconds(30);
    private static final Duration MIN_LEASE = Duration.ofSeconds(1);
    /** What {@code WebhookEngine} hands to {@link Subscription#refuse}; it answers ping itself, before any hook. */
    private static final Set<String> MATCHABLE_EVENTS = Set.of(Subscription.PUSH);

    private final UnaryOperator<String> environment;

    /** @param environment the process environment, {@code System::getenv} outside tests */
    public ConfigLoader(UnaryOperator<String> environment) {
        this.environment = environment;
    }

    public ReceiverConfig load(Path file) throws ConfigException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot be read (" + e.getClass().getSimpleName() + ")");
        }
        Path base = file.toAbsolutePath().getParent();
        return parse(text, base, file.toString());
    }

    /** @param base directory that relative paths (dataDir, workdir, secret files) are resolved against */
    public ReceiverConfig parse(String yaml, Path base, String source) throws ConfigException {
        ObjectMapper mapper = new ObjectMapper(new YAMLFactory())
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
        Map<String, Integer> lines = new HashMap<>();
        Map<String, String> scalars = new HashMap<>();
        JsonNode tree;
        try (JsonParser parser = mapper.getFactory().createParser(yaml)) {
            recordLines(parser, lines, scalars);
            tree = mapper.readTree(yaml);
        } catch (JsonProcessingException e) {
            throw new ConfigException(syntaxError(source, e));
        } catch (IOException e) {
            throw new ConfigException(source + ": cannot be read (" + e.getClass().getSimpleName() + ")");
        }
        if (tree == null || !tree.isObject()) {
            throw new ConfigException(source + ": must be a YAML mapping with at least 'hooks'");
        }
        RawConfig raw;
        try {
            raw = mapper.treeToValue(tree, RawConfig.class);
        } catch (JsonMappingException e) {
            String field = fieldOf(e.getPath());
            throw new ConfigException(at(source, lines, field) + field + ": " + bindingProblem(e));
        } catch (JsonProcessingException e) {
            throw new ConfigException(source + ": " + e.getOriginalMessage());
        }
        return new Validation(source, lines, scalars, base).config(raw);
    }

    /**
     * The line where the scanner found the problem, not where the token it was reading began, and the problem alone:
     * the parser's own message quotes the offending line, which may hold a secret pasted inline.
     */
    private static String syntaxError(String source, JsonProcessingException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof MarkedYAMLException marked && marked.getProblemMark() != null) {
                return source + ": not valid YAML at line " + (marked.getProblemMark().getLine() + 1) + ": "
                        + marked.getProblem();
            }
        }
        return source + ": not valid YAML at line " + e.getLocation().getLineNr() + ": " + e.getOriginalMessage();
    }

    /**
     * Reads the document token by token to remember the line of every field, for messages, and every scalar as it
     * is written ({@code 1.10} stays {@code 1.10}, where the tree holds the number 1.1).
     */
    private static void recordLines(JsonParser parser, Map<String, Integer> lines, Map<String, String> scalars)
            throws IOException {
        JsonToken token;
        while ((token = parser.nextToken()) != null) {
            if (token == JsonToken.FIELD_NAME || token.isScalarValue() || token.isStructStart()) {
                JsonLocation location = parser.currentTokenLocation();
                lines.putIfAbsent(pathOf(parser), location.getLineNr());
            }
            if (token.isScalarValue()) {
                scalars.put(pathOf(parser), parser.getText());
            }
        }
    }

    private static String pathOf(JsonParser parser) {
        StringBuilder path = new StringBuilder();
        List<String> parts = new ArrayList<>();
        for (var ctx = parser.getParsingContext(); ctx != null && !ctx.inRoot(); ctx = ctx.getParent()) {
            if (ctx.inArray()) {
                parts.add(0, "[" + Math.max(ctx.getCurrentIndex(), 0) + "]");
            } else if (ctx.getCurrentName() != null) {
                parts.add(0, "." + ctx.getCurrentName());
            }
        }
        parts.forEach(path::append);
        return path.length() > 0 && path.charAt(0) == '.' ? path.substring(1) : path.toString();
    }

    private static String fieldOf(List<JsonMappingException.Reference> references) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : references) {
            if (ref.getFieldName() != null) {
                path.append(path.length() == 0 ? "" : ".").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.length() == 0 ? "(top level)" : path.toString();
    }

    private static String bindingProblem(JsonMappingException e) {
        if (e instanceof com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException u) {
            return "unknown field; known fields are " + u.getKnownPropertyIds();
        }
        if (e instanceof com.fasterxml.jackson.databind.exc.MismatchedInputException m && m.getTargetType() != null) {
            return "expected " + describe(m.getTargetType());
        }
        return "has the wrong type";
    }

    private static String describe(Class<?> type) {
        if (List.class.isAssignableFrom(type)) {
            return "a list";
        }
        if (Map.class.isAssignableFrom(type) || type.isRecord()) {
            return "a mapping";
        }
        if (Number.class.isAssignableFrom(type)) {
            return "a number";
        }
        return "a " + type.getSimpleName().toLowerCase(Locale.ROOT);
    }

    /** The line of the field or, for a missing one, of the nearest parent written: {@code hooks[0]}, then {@code hooks}. */
    private static String at(String source, Map<String, Integer> lines, String field) {
        for (String path = field; path != null; path = parentOf(path)) {
            Integer line = lines.get(path);
            if (line != null) {
                return source + ":" + line + ": ";
            }
        }
        return source + ": ";
    }

    private static String parentOf(String path) {
        int cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
        return cut > 0 ? path.substring(0, cut) : null;
    }

    /** One validation pass: knows the source and lines for messages, and the base directory for relative paths. */
    private final class Validation {
        private final String source;
        private final Map<String, Integer> lines;
        private final Map<String, String> scalars;
        private final Path base;

        Validation(String source, Map<String, Integer> lines, Map<String, String> scalars, Path base) {
            this.source = source;
            this.lines = lines;
            this.scalars = scalars;
            this.base = base;
        }

        ReceiverConfig config(RawConfig raw) throws ConfigException {
            InetSocketAddress listen = listen(raw.listen() == null ? "127.0.0.1:9000" : raw.listen());
            Path dataDir = base.resolve(raw.dataDir() == null ? "data" : raw.dataDir()).normalize();
            if (Files.exists(dataDir) && !Files.isDirectory(dataDir)) {
                throw error("dataDir", "'" + dataDir + "' exists and is not a directory");
            }
            long maxBody = raw.maxBodyBytes() == null ? BoundedBody.GITHUB_MAX_BYTES : raw.maxBodyBytes();
            try {
                EngineSettings.defaults().withMaxBodyBytes(maxBody);
            } catch (IllegalArgumentException e) {
                throw error("maxBodyBytes", e.getMessage());
            }
            Optional<ReceiverConfig.Tls> tls = Optional.empty();
            if (raw.tls() != null) {
                tls = Optional.of(tls(raw.tls()));
            }
            List<String> allow = raw.callbackAllow() == null ? List.of() : raw.callbackAllow();
            for (int i = 0; i < allow.size(); i++) {
                allowEntry("callbackAllow[" + i + "]", allow.get(i));
            }
            UrlPolicy callbackPolicy = UrlPolicy.allowing(allow);
            Duration grace = raw.shutdownGrace() == null ? DEFAULT_SHUTDOWN_GRACE
                    : duration("shutdownGrace", raw.shutdownGrace());
            if (grace.compareTo(MAX_SHUTDOWN_GRACE) > 0) {
                throw error("shutdownGrace", "must be at most 1h, not " + raw.shutdownGrace());
            }
            ReceiverConfig.Connections connections = connections(raw, maxBody);
            ReceiverConfig.Store store = raw.store() == null ? new ReceiverConfig.Store.Sqlite() : store(raw.store());
            String replicaId = replicaId(raw.replicaId());
            FloodLimits rateLimit = rateLimit(raw.rateLimit());
            Duration tolerance = gitlabTimestampTolerance(raw.gitlabTimestampTolerance());
            if (raw.hooks() == null || raw.hooks().isEmpty()) {
                throw error("hooks", "at least one hook is needed");
            }
            List<HookConfig> hooks = new ArrayList<>();
            Set<String> ids = new HashSet<>();
            for (int i = 0; i < raw.hooks().size(); i++) {
                HookConfig hook = hook("hooks[" + i + "]", raw.hooks().get(i), callbackPolicy);
                if (!ids.add(hook.id())) {
                    throw error("hooks[" + i + "].id", "'" + hook.id() + "' is used by an earlier hook; ids must be unique");
                }
                hooks.add(hook);
            }
            return new ReceiverConfig(listen, dataDir, maxBody, tls, allow, grace, connections, store, replicaId, rateLimit,
                    tolerance, hooks);
        }

        /** {@code store.postgres}: the URL, the user and the variable with the password, which is never written inline. */
        private ReceiverConfig.Store store(RawConfig.Store raw) throws ConfigException {
            RawConfig.Postgres pg = raw.postgres();
            if (pg == null) {
                throw error("store", "must be {postgres: {url, user, passwordEnv}}, or left out for SQLite in dataDir");
            }
            if (pg.url() == null || !pg.url().startsWith("jdbc:postgresql://")) {
                throw error("store.postgres.url", "must be a jdbc:postgresql:// URL, as in jdbc:postgresql://db:5432/hooks");
            }
            if (pg.url().toLowerCase(Locale.ROOT).contains("password=")) {
                throw error("store.postgres.url", "must not hold the password; name its variable in passwordEnv");
            }
            if (pg.user() == null || pg.user().isBlank()) {
                throw error("store.postgres.user", "is required: the database user the receiver logs in as");
            }
            if (pg.passwordEnv() == null || !ENV_NAME.matcher(pg.passwordEnv()).matches()) {
                throw error("store.postgres.passwordEnv", "must name the environment variable that holds the password");
            }
            String password = environment.apply(pg.passwordEnv());
            if (password == null || password.isEmpty()) {
                throw error("store.postgres.passwordEnv", "must name a set, non-empty environment variable holding the"
                        + " database password");
            }
            Duration lease = pg.lease() == null ? DEFAULT_LEASE : duration("store.postgres.lease", pg.lease());
            if (lease.compareTo(MIN_LEASE) < 0) {
                throw error("store.postgres.lease", "must be at least 1s, not " + pg.lease());
            }
            return new ReceiverConfig.Store.Postgres(pg.url(), pg.user(), pg.passwordEnv(), lease);
        }

        /** The name this replica is known by in the shared store and in /metrics: the host's name unless set. */
        private String replicaId(String raw) throws ConfigException {
            if (raw != null) {
                if (!HOOK_ID.matcher(raw).matches()) {
                    throw error("replicaId", "must be 1 to 64 letters, digits, '.', '_' or '-', not '" + raw + "'");
                }
                return raw;
            }
            try {
                return InetAddress.getLocalHost().getHostName();
            } catch (UnknownHostException e) {
                return "receiver";
            }
        }

        /** One entry checked alone, so that the message names it rather than the list. */
        private void allowEntry(String at, String entry) throws ConfigException {
            if (entry == null || entry.isBlank()) {
                throw error(at, "must not be empty: a host name, an IP address or a CIDR block");
            }
            try {
                UrlPolicy.allowing(List.of(entry));
            } catch (IllegalArgumentException e) {
                // The core names the entry by its place in the list it was given, here always [0]; its cause names the value.
                throw error(at, (e.getCause() == null ? e : e.getCause()).getMessage());
            }
        }

        private InetSocketAddress listen(String value) throws ConfigException {
            int colon = value.lastIndexOf(':');
            if (colon < 1) {
                throw error("listen", "must be host:port, as in 127.0.0.1:9000, not '" + value + "'");
            }
            String host = value.substring(0, colon);
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            }
            try {
                int port = Integer.parseInt(value.substring(colon + 1));
                if (port < 0 || port > 65535) {
                    throw error("listen", "port must be between 0 and 65535, not " + port);
                }
                resolve(host);
                return InetSocketAddress.createUnresolved(host, port);
            } catch (NumberFormatException e) {
                throw error("listen", "port must be a number, as in 127.0.0.1:9000, not '" + value + "'");
            }
        }

        /** A name that does not resolve is a configuration error now, not a failure to bind at start. */
        private void resolve(String host) throws ConfigException {
            if (host.isEmpty()) {
                throw error("listen", "the host is empty; use 127.0.0.1, 0.0.0.0 or a name of this machine");
            }
            try {
                InetAddress.getByName(host);
            } catch (UnknownHostException e) {
                throw error("listen", "host '" + host + "' does not resolve to an address");
            }
        }

        private ReceiverConfig.Tls tls(RawConfig.Tls raw) throws ConfigException {
            if (raw.keystore() == null) {
                throw error("tls.keystore", "is required when tls is set (a PKCS#12 file)");
            }
            Path keystore = base.resolve(raw.keystore()).normalize();
            if (!Files.isReadable(keystore)) {
                throw error("tls.keystore", "cannot read " + keystore);
            }
            String password = raw.passwordEnv() == null ? null : environment.apply(raw.passwordEnv());
            if (password == null || password.isEmpty()) {
                throw error("tls.passwordEnv", "must name a set, non-empty environment variable holding the keystore password");
            }
            requirePrivateKey(keystore, raw.passwordEnv(), password.toCharArray());
            return new ReceiverConfig.Tls(keystore, raw.passwordEnv());
        }

        /** Opens the keystore as the server will, so a wrong password or file fails the load; no message names the password. */
        private void requirePrivateKey(Path keystore, String passwordEnv, char[] password) throws ConfigException {
            KeyStore store;
            try (InputStream in = Files.newInputStream(keystore)) {
                store = KeyStore.getInstance("PKCS12");
                store.load(in, password);
            } catch (IOException e) {
                if (e.getCause() instanceof UnrecoverableKeyException) {
                    throw error("tls.passwordEnv", "the password in " + passwordEnv + " does not open " + keystore);
                }
                throw error("tls.keystore", keystore + " is not a PKCS#12 keystore (" + e.getClass().getSimpleName() + ")");
            } catch (GeneralSecurityException e) {
                throw error("tls.keystore", keystore + " cannot be read as a PKCS#12 keystore (" + e.getClass().getSimpleName() + ")");
            }
            try {
                for (String alias : Collections.list(store.aliases())) {
                    if (store.entryInstanceOf(alias, KeyStore.PrivateKeyEntry.class)) {
                        store.getKey(alias, password);
                        return;
                    }
                }
            } catch (UnrecoverableKeyException e) {
                throw error("tls.passwordEnv", "the password in " + passwordEnv + " opens " + keystore
                        + " but not its private key; the key must have the keystore's password");
            } catch (GeneralSecurityException e) {
                throw error("tls.keystore", keystore + " cannot be read (" + e.getClass().getSimpleName() + ")");
            }
            throw error("tls.keystore", keystore + " holds no private key and certificate for the server to present");
        }

        private HookConfig hook(String at, RawConfig.Hook raw, UrlPolicy callbackPolicy) throws ConfigException {
            if (raw.id() == null || !HOOK_ID.matcher(raw.id()).matches()) {
                throw error(at + ".id", "is required: letters, digits, '.', '_' or '-' (it is the URL path /hooks/{id})");
            }
            if (raw.repository() == null) {
                throw error(at + ".repository", "is required, as in owner/app");
            }
            Forge forge;
            try {
                forge = raw.forge() == null ? Forge.GITHUB : Forge.require(raw.forge());
            } catch (IllegalArgumentException e) {
                throw error(at + ".forge", e.getMessage());
            }
            RepositoryName repository = Subscription.repositoryOf(forge, raw.repository())
                    .orElseThrow(() -> error(at + ".repository", "'" + raw.repository() + "' is not owner/name or a " + forge.displayName() + " URL"
                            + (forge == Forge.GITLAB ? " (group/subgroup/name for nested GitLab groups)" : "")));
            if (raw.host() != null) {
                Optional<String> problem = Subscription.checkHost(raw.host());
                if (problem.isPresent()) {
                    throw error(at + ".host", problem.get());
                }
            }
            if (Boolean.TRUE.equals(raw.tokenOnly()) && forge != Forge.GITLAB) {
                throw error(at + ".tokenOnly", "is a GitLab setting; " + forge.displayName() + " signs every delivery");
            }
            RefFilter refs;
            try {
                refs = RefFilter.parse(String.join(" ", raw.refs() == null ? List.of() : raw.refs()));
            } catch (IllegalArgumentException e) {
                throw error(at + ".refs", e.getMessage());
            }
            PathFilter paths = PathFilter.none();
            if (raw.paths() != null) {
                try {
                    paths = PathFilter.parse(joined(raw.paths().include()), joined(raw.paths().exclude()));
                } catch (PathFilter.InvalidPattern e) {
                    throw error(at + ".paths." + (e.kind() == PathFilter.Kind.INCLUDE ? "include" : "exclude"), e.getMessage());
                }
            }
            Set<String> events = new LinkedHashSet<>(raw.events() == null ? List.of(Subscription.PUSH) : raw.events());
            if (events.isEmpty()) {
                throw error(at + ".events", "must list at least one event, as in [push]");
            }
            for (String event : events) {
                if (event == null || !MATCHABLE_EVENTS.contains(event)) {
                    throw error(at + ".events", "'" + event + "' is not an event a hook can run for; accepted: "
                            + String.join(", ", MATCHABLE_EVENTS) + " (ping is answered for every hook and is not listed)");
                }
            }
            if (raw.secrets() == null || raw.secrets().isEmpty()) {
                throw error(at + ".secrets", "at least one secret is needed: {env: NAME} or {file: path}");
            }
            List<WebhookSecret> secrets = new ArrayList<>();
            for (int i = 0; i < raw.secrets().size(); i++) {
                String field = at + ".secrets[" + i + "]";
                RawConfig.SecretRef ref = raw.secrets().get(i);
                secrets.add(WebhookSecret.of(label(ref), secret(field, ref)));
            }
            Subscription subscription = new Subscription(raw.id(), repository, refs, paths, events,
                    Boolean.TRUE.equals(raw.buildOnDelete()), secrets, forge, raw.host(), Boolean.TRUE.equals(raw.tokenOnly()));
            if (raw.command() == null || raw.command().isEmpty() || raw.command().get(0).isBlank()) {
                throw error(at + ".command", "is required: the program and its arguments as a list, run without a shell");
            }
            Path workdir = base.resolve(raw.workdir() == null ? "." : raw.workdir()).normalize();
            if (!Files.isDirectory(workdir)) {
                throw error(at + ".workdir", "'" + workdir + "' is not a directory");
            }
            List<String> env = raw.env() == null ? List.of() : raw.env();
            for (int i = 0; i < env.size(); i++) {
                if (env.get(i) == null || !ENV_NAME.matcher(env.get(i)).matches()) {
                    throw error(at + ".env[" + i + "]", "must be the name of an environment variable to pass through");
                }
            }
            Duration timeout = raw.timeout() == null ? DEFAULT_TIMEOUT : duration(at + ".timeout", raw.timeout());
            HookConfig.OnInterrupted onInterrupted = HookConfig.OnInterrupted.REQUEUE;
            if (raw.onInterrupted() != null) {
                onInterrupted = switch (raw.onInterrupted()) {
                    case "requeue" -> HookConfig.OnInterrupted.REQUEUE;
                    case "fail" -> HookConfig.OnInterrupted.FAIL;
                    default -> throw error(at + ".onInterrupted", "must be requeue or fail, not '" + raw.onInterrupted() + "'");
                };
            }
            long maxLog = raw.maxLogBytes() == null ? DEFAULT_MAX_LOG_BYTES : raw.maxLogBytes();
            if (maxLog < 1) {
                throw error(at + ".maxLogBytes", "must be at least 1");
            }
            int keepRuns = keepRuns(at + ".keepRuns", raw.keepRuns());
            List<HookConfig.CallbackTarget> callbacks = new ArrayList<>();
            List<RawConfig.Callback> rawCallbacks = raw.callbacks() == null ? List.of() : raw.callbacks();
            for (int i = 0; i < rawCallbacks.size(); i++) {
                callbacks.add(callback(at + ".callbacks[" + i + "]", rawCallbacks.get(i), callbackPolicy));
            }
            return new HookConfig(raw.id(), subscription, raw.command(), workdir, env, timeout, onInterrupted, maxLog,
                    keepRuns, callbacks);
        }

        private HookConfig.CallbackTarget callback(String at, RawConfig.Callback raw, UrlPolicy policy) throws ConfigException {
            if (raw.url() == null) {
                throw error(at + ".url", "is required");
            }
            URI url;
            try {
                url = new URI(raw.url());
            } catch (URISyntaxException e) {
                throw error(at + ".url", "is not a URL: " + e.getReason());
            }
            Optional<UrlDecision.Refused> refused = policy.checkLiteral(url);
            if (refused.isPresent()) {
                throw error(at + ".url", "is refused, as every send to it would be: " + refused.get().detail()
                        + " (callbackAllow opens private addresses and names)");
            }
            List<io.jenkins.plugins.signedwebhook.core.outbound.signing.SigningSecret> secrets = new ArrayList<>();
            if (raw.secret() != null) {
                try {
                    secrets.add(io.jenkins.plugins.signedwebhook.core.outbound.signing.SigningSecret.of(
                            secret(at + ".secret", raw.secret())));
                } catch (IllegalArgumentException e) {
                    throw error(at + ".secret", e.getMessage());
                }
            }
            HookConfig.Scheme scheme = HookConfig.Scheme.BOTH;
            if (raw.scheme() != null) {
                scheme = switch (raw.scheme()) {
                    case "standard-webhooks" -> HookConfig.Scheme.STANDARD_WEBHOOKS;
                    case "github" -> HookConfig.Scheme.GITHUB;
                    case "both" -> HookConfig.Scheme.BOTH;
                    default -> throw error(at + ".scheme", "must be standard-webhooks, github or both, not '" + raw.scheme() + "'");
                };
            }
            secrets.replaceAll(scheme::restrict);
            return new HookConfig.CallbackTarget(url, secrets, scheme, fields(at + ".fields", raw.fields()));
        }

        /** Strings as they are; numbers and booleans as the text written in the file ({@code 1.10}, not 1.1). */
        private Map<String, String> fields(String at, JsonNode value) throws ConfigException {
            if (value == null || value.isNull()) {
                return Map.of();
            }
            if (!value.isObject()) {
                throw error(at, "must be a mapping of names to string values, as in {environment: production}");
            }
            Map<String, String> fields = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                String key = field.getKey();
                if (key.isBlank()) {
                    throw error(at, "a field name is empty; names must be non-empty strings");
                }
                JsonNode v = field.getValue();
                boolean finite = !v.isFloatingPointNumber() || Double.isFinite(v.doubleValue());
                if (!(v.isTextual() || v.isNumber() || v.isBoolean()) || !finite) {
                    throw error(at + "." + key, "must be a string, a finite number or a boolean, not "
                            + (v.isNull() ? "empty" : v.isArray() ? "a list" : v.isObject() ? "a mapping" : v.asText()));
                }
                fields.put(key, v.isTextual() ? v.asText() : scalars.getOrDefault(at + "." + key, v.asText()));
            }
            return fields;
        }

        private String secret(String at, RawConfig.SecretRef ref) throws ConfigException {
            if (ref == null || (ref.env() == null) == (ref.file() == null)) {
                throw error(at, "must be exactly one of {env: NAME} or {file: path}; secrets are never written inline");
            }
            if (ref.env() != null) {
                String value = environment.apply(ref.env());
                if (value == null || value.isEmpty()) {
                    throw error(at + ".env", "environment variable " + ref.env() + " is not set or empty");
                }
                return value;
            }
            Path file = base.resolve(ref.file()).normalize();
            try {
                String value = Files.readString(file, StandardCharsets.UTF_8).strip();
                if (value.isEmpty()) {
                    throw error(at + ".file", file + " is empty");
                }
                return value;
            } catch (IOException e) {
                throw error(at + ".file", "cannot read " + file + " (" + e.getClass().getSimpleName() + ")");
            }
        }

        private ReceiverConfig.Connections connections(RawConfig raw, long maxBody) throws ConfigException {
            Duration header = raw.headerTimeout() == null ? DEFAULT_HEADER_TIMEOUT
                    : duration("headerTimeout", raw.headerTimeout());
            if (header.compareTo(MAX_HEADER_TIMEOUT) > 0) {
                throw error("headerTimeout", "must be at most 5m, not " + raw.headerTimeout());
            }
            Duration idle = raw.idleTimeout() == null ? DEFAULT_IDLE_TIMEOUT : duration("idleTimeout", raw.idleTimeout());
            if (idle.compareTo(MAX_IDLE_TIMEOUT) > 0) {
                throw error("idleTimeout", "must be at most 1h, not " + raw.idleTimeout());
            }
            JsonNode rate = raw.minBodyRate();
            long minBodyRate = DEFAULT_MIN_BODY_RATE;
            if (rate != null && !rate.isNull()) {
                if (!rate.isIntegralNumber() || !rate.canConvertToLong() || rate.longValue() < 1
                        || rate.longValue() > MAX_MIN_BODY_RATE) {
                    throw error("minBodyRate", "must be a whole number of bytes per second between 1 and "
                            + MAX_MIN_BODY_RATE + ", not '" + rate.asText() + "'");
                }
                minBodyRate = rate.longValue();
            }
            JsonNode buffered = raw.maxBufferedBytes();
            long maxBuffered = DEFAULT_MAX_BUFFERED_BYTES;
            if (buffered != null && !buffered.isNull()) {
                if (!buffered.isIntegralNumber() || !buffered.canConvertToLong() || buffered.longValue() < maxBody) {
                    throw error("maxBufferedBytes", "must be a whole number of bytes, at least maxBodyBytes (" + maxBody
                            + "), not '" + buffered.asText() + "'");
                }
                maxBuffered = buffered.longValue();
            }
            return new ReceiverConfig.Connections(header, idle, minBodyRate, maxBuffered);
        }

        private FloodLimits rateLimit(RawConfig.RateLimit raw) throws ConfigException {
            if (raw == null) {
                return FloodLimits.defaults();
            }
            int burst = count("rateLimit.burst", raw.burst(), FloodLimits.DEFAULT_BURST, FloodLimits.MAX_BURST);
            int perMinute = count("rateLimit.perMinute", raw.perMinute(), FloodLimits.DEFAULT_PER_MINUTE,
                    FloodLimits.MAX_PER_MINUTE);
            List<String> proxies = raw.trustedProxies() == null ? List.of() : raw.trustedProxies();
            List<AddressRange> trusted = new ArrayList<>();
            for (int i = 0; i < proxies.size(); i++) {
                String at = "rateLimit.trustedProxies[" + i + "]";
                if (proxies.get(i) == null || proxies.get(i).isBlank()) {
                    throw error(at, "must not be empty: an IP address or a CIDR block");
                }
                try {
                    trusted.add(AddressRange.parse(proxies.get(i).strip()));
                } catch (IllegalArgumentException e) {
                    throw error(at, e.getMessage() + "; a proxy is named by its IP address or CIDR block, never a host name");
                }
            }
            return new FloodLimits(burst, perMinute, trusted);
        }

        /** The core's range and default; only the duration's form is read here. */
        private Duration gitlabTimestampTolerance(String raw) throws ConfigException {
            if (raw == null) {
                return EngineSettings.DEFAULT_TIMESTAMP_TOLERANCE;
            }
            Duration tolerance = duration("gitlabTimestampTolerance", raw);
            try {
                return EngineSettings.defaults().withTimestampTolerance(tolerance).timestampTolerance();
            } catch (IllegalArgumentException e) {
                throw error("gitlabTimestampTolerance", e.getMessage());
            }
        }

        /** A whole number from 1 to {@code max}, or {@code absent} when the field is not written. */
        private int count(String at, JsonNode value, int absent, int max) throws ConfigException {
            if (value == null || value.isNull()) {
                return absent;
            }
            if (!value.isIntegralNumber() || !value.canConvertToInt() || value.intValue() < 1 || value.intValue() > max) {
                throw error(at, "must be a whole number between 1 and " + max + ", not '" + value.asText() + "'");
            }
            return value.intValue();
        }

        private int keepRuns(String at, JsonNode value) throws ConfigException {
            if (value == null || value.isNull()) {
                return DEFAULT_KEEP_RUNS;
            }
            if (!value.isIntegralNumber() || !value.canConvertToInt() || value.intValue() < 1) {
                throw error(at, "must be a whole number of at least 1, not '" + value.asText() + "'");
            }
            return value.intValue();
        }

        private Duration duration(String at, String value) throws ConfigException {
            var m = DURATION.matcher(value.strip());
            if (!m.matches()) {
                throw error(at, "must be a number and a unit (ms, s, m, h), as in 10m, not '" + value + "'");
            }
            long n = Long.parseLong(m.group(1));
            Duration d = switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                default -> Duration.ofHours(n);
            };
            if (d.isZero()) {
                throw error(at, "must be longer than zero");
            }
            return d;
        }

        private ConfigException error(String field, String problem) {
            return new ConfigException(at(source, lines, field) + field + ": " + problem);
        }
    }

    private static String label(RawConfig.SecretRef ref) {
        return ref.env() != null ? "env:" + ref.env() : "file:" + ref.file();
    }

    private static String joined(List<String> patterns) {
        return patterns == null ? "" : String.join(" ", patterns);
    }
}
