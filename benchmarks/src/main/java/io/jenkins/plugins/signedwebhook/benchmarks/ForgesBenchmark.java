package io.jenkins.plugins.signedwebhook.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.signedwebhook.core.forge.Forge;
import io.jenkins.plugins.signedwebhook.core.inbound.Answer;
import io.jenkins.plugins.signedwebhook.core.inbound.BuildScheduler;
import io.jenkins.plugins.signedwebhook.core.inbound.DeliveryLog;
import io.jenkins.plugins.signedwebhook.core.inbound.DuplicateWindow;
import io.jenkins.plugins.signedwebhook.core.inbound.EngineSettings;
import io.jenkins.plugins.signedwebhook.core.inbound.InboundRequest;
import io.jenkins.plugins.signedwebhook.core.inbound.WebhookEngine;
import io.jenkins.plugins.signedwebhook.core.match.Subscription;
import io.jenkins.plugins.signedwebhook.core.match.SubscriptionIndex;
import io.jenkins.plugins.signedwebhook.core.match.SubscriptionRegistry;
import io.jenkins.plugins.signedwebhook.core.signature.WebhookSecret;
import io.jenkins.plugins.signedwebhook.core.testing.ForgeDeliveries;
import io.jenkins.plugins.signedwebhook.core.testing.Fixtures;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Verify + parse + match of a 10 KB push of each forge, through the whole engine, against GitHub's in the same run.
 * Target (issue 18): every forge within 1.2x of {@code github}. Each push is its forge's fixture with its commit list
 * repeated up to 10 KB; deliveries (each its own body) come from a pool signed in advance (GitLab signs its id, so an id cannot change
 * per call without an HMAC in the harness), cycled through a duplicate window smaller than the pool.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
public class ForgesBenchmark {
    private static final String SECRET = "benchmark secret";
    private static final String WHSEC = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final int POOL = 4096;
    private static final int SIZE = 10 * 1024;
    private static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");

    /**
     * A forge id; {@code github-late-repository} is GitHub's push with {@code repository} moved after the commits, where
     * Gitea and Bitbucket put it, which makes the peek before the signature read the whole body.
     */
    @Param({"github", "gitea", "gitlab", "bitbucket", "github-late-repository"})
    public String forge;

    private final List<Map<String, List<String>>> pool = new ArrayList<>();
    private final List<byte[]> bodies = new ArrayList<>();
    private byte[] body;
    private WebhookEngine engine;
    private int next;

    @Setup
    public void setUp() {
        boolean late = forge.equals("github-late-repository");
        Forge trusted = late ? Forge.GITHUB : Forge.require(forge);
        String secret = trusted == Forge.GITLAB ? WHSEC : SECRET;
        String repository = switch (trusted) {
            case GITLAB -> "mike/diaspora";
            case BITBUCKET -> "team_name/repo_name";
            case GITHUB -> "octo-org/app";
            default -> "gitea/webhooks";
        };
        body = late ? repositoryLast(Payloads.ofSize("10KB")) : push(trusted);
        // Each delivery its own body (one member more at the end), as a replayed body is a duplicate whatever its id.
        String text = new String(body, StandardCharsets.UTF_8);
        String open = text.substring(0, text.lastIndexOf('}'));
        for (int i = 0; i < POOL; i++) {
            bodies.add((open + ",\"bench\":" + i + "}").getBytes(StandardCharsets.UTF_8));
            pool.add(delivery(trusted, secret, bodies.get(i)).headers());
        }
        SubscriptionRegistry registry = new SubscriptionRegistry();
        registry.replace(SubscriptionIndex.of(List.of(Subscription.of("deploy", repository, WebhookSecret.of("hook", secret))
                .withForge(trusted))));
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        engine = new WebhookEngine(EngineSettings::defaults, registry, new DuplicateWindow(POOL / 4, Duration.ofHours(1), clock),
                new DeliveryLog(100), (s, d) -> new BuildScheduler.Scheduled(s.id()), clock);
    }

    private static ForgeDeliveries delivery(Forge trusted, String secret, byte[] body) {
        return switch (trusted) {
            case GITHUB -> ForgeDeliveries.github(body, secret);
            case GITLAB -> ForgeDeliveries.gitlab(body, secret, "Push Hook", NOW.getEpochSecond());
            case BITBUCKET -> ForgeDeliveries.bitbucket(body, secret, "repo:push");
            default -> ForgeDeliveries.gitea(body, secret);
        };
    }

    private static byte[] repositoryLast(byte[] json) {
        try {
            ObjectNode root = (ObjectNode) Fixtures.MAPPER.readTree(json);
            JsonNode repository = root.remove("repository");
            root.set("repository", repository);
            return Fixtures.MAPPER.writeValueAsBytes(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The forge's fixture, its commits repeated until the compact JSON is at least 10 KB; one ref changed. */
    private static byte[] push(Forge trusted) {
        if (trusted == Forge.GITHUB) {
            return Payloads.ofSize("10KB");
        }
        try {
            String name = switch (trusted) {
                case GITLAB -> "gitlab/push.json";
                case BITBUCKET -> "bitbucket/push-multi.json";
                default -> "gitea/push.json";
            };
            ObjectNode root = (ObjectNode) Fixtures.MAPPER.readTree(Fixtures.resource("/fixtures/" + name));
            ArrayNode commits;
            if (trusted == Forge.BITBUCKET) {
                ArrayNode changes = (ArrayNode) root.get("push").get("changes");
                while (changes.size() > 1) {
                    changes.remove(changes.size() - 1);
                }
                commits = (ArrayNode) changes.get(0).get("commits");
            } else {
                commits = (ArrayNode) root.get("commits");
            }
            JsonNode first = commits.get(0);
            while (Fixtures.MAPPER.writeValueAsBytes(root).length < SIZE) {
                commits.add(first.deepCopy());
            }
            if (trusted == Forge.GITLAB) {
                root.put("total_commits_count", commits.size());
            }
            return Fixtures.MAPPER.writeValueAsBytes(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Benchmark
    public Answer verifyParseMatch() {
        int i = next++ & (POOL - 1);
        byte[] b = bodies.get(i);
        Answer a = engine.handle(new InboundRequest("POST", pool.get(i), b.length, new ByteArrayInputStream(b)));
        if (a.status() != 202) {
            throw new IllegalStateException(forge + " benchmark delivery was not accepted: " + a.bodyText());
        }
        return a;
    }
}
