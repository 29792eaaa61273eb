package io.jenkins.plugins.signedwebhook.benchmarks;

import io.jenkins.plugins.signedwebhook.core.inbound.Answer;
import io.jenkins.plugins.signedwebhook.core.inbound.BuildScheduler;
import io.jenkins.plugins.signedwebhook.core.inbound.DeliveryLog;
import io.jenkins.plugins.signedwebhook.core.inbound.DuplicateWindow;
import io.jenkins.plugins.signedwebhook.core.inbound.EngineSettings;
import io.jenkins.plugins.signedwebhook.core.inbound.WebhookEngine;
import io.jenkins.plugins.signedwebhook.core.match.RefFilter;
import io.jenkins.plugins.signedwebhook.core.match.Subscription;
import io.jenkins.plugins.signedwebhook.core.match.SubscriptionIndex;
import io.jenkins.plugins.signedwebhook.core.match.SubscriptionRegistry;
import io.jenkins.plugins.signedwebhook.core.signature.Hmac;
import io.jenkins.plugins.signedwebhook.core.signature.WebhookSecret;
import io.jenkins.plugins.signedwebhook.core.testing.Deliveries;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
 * The floor (HMAC-SHA256 alone over the body) against the whole inbound path (bounded read, peek, verify,
 * de-duplicate, parse, match, answer) for the same bytes. Target (design.md): the full path's p50 within 3x the floor.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
public class InboundBenchmark {
    private static final String SECRET = "benchmark secret";

    @Param({"10KB", "1MB", "25MiB"})
    public String size;

    /** Subscriptions on other repositories; the delivery's cost must not grow with them. */
    @Param({"10"})
    public int otherSubscriptions;

    private byte[] body;
    private String signature;
    private byte[] key;
    private WebhookEngine engine;
    private long deliveries;

    @Setup
    public void setUp() {
        body = Payloads.ofSize(size);
        signature = Deliveries.sign(SECRET, body);
        key = SECRET.getBytes(StandardCharsets.UTF_8);
        List<Subscription> subscriptions = new ArrayList<>();
        for (int i = 0; i < otherSubscriptions; i++) {
            subscriptions.add(Subscription.of("other-" + i, "other-org/repo-" + i, WebhookSecret.of("s" + i, "secret " + i)));
        }
        subscriptions.add(Subscription.of("app-deploy", "octo-org/app", WebhookSecret.of("hook", SECRET)).withRefs(RefFilter.parse("main")));
        SubscriptionRegistry registry = new SubscriptionRegistry();
        registry.replace(SubscriptionIndex.of(subscriptions));
        engine = new WebhookEngine(EngineSettings::defaults, registry,
                new DuplicateWindow(10_000, Duration.ofHours(1), Clock.systemUTC()), new DeliveryLog(100),
                (s, d) -> new BuildScheduler.Scheduled(s.id()), Clock.systemUTC());
    }

    @Benchmark
    public byte[] hmacFloor() {
        return Hmac.SHA256.compute(key, body);
    }

    @Benchmark
    public Answer verifyParseMatch() {
        Answer a = engine.handle(Deliveries.push(body).deliveryId("d-" + deliveries++).signature(signature).build());
        if (a.status() != 202) {
            throw new IllegalStateException("benchmark delivery was not accepted: " + a.bodyText());
        }
        return a;
    }
}
