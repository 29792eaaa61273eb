package io.jenkins.plugins.signedwebhook.benchmarks;

import io.jenkins.plugins.signedwebhook.core.inbound.Answer;
import io.jenkins.plugins.signedwebhook.core.inbound.BodyDigest;
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
 * {@link #bodyDigest} is what the replay check adds to it: one SHA-256 pass over the body.
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
    /** Distinct pushes, each with its signature: the same body twice would be a replay, answered duplicate. */
    private byte[][] pushes;
    private String[] signatures;
    private byte[] key;
    private WebhookEngine engine;
    private long deliveries;

    @Setup
    public void setUp() {
        body = Payloads.ofSize(size);
        // Many for small bodies, so the window is as full as in use; two for large ones, whose copies cost memory.
        int variants = body.length <= 64 * 1024 ? 1024 : 2;
        pushes = new byte[variants][];
        signatures = new String[variants];
        for (int i = 0; i < variants; i++) {
            pushes[i] = variant(body, i);
            signatures[i] = Deliveries.sign(SECRET, pushes[i]);
        }
        key = SECRET.getBytes(StandardCharsets.UTF_8);
        List<Subscription> subscriptions = new ArrayList<>();
        for (int i = 0; i < otherSubscriptions; i++) {
            subscriptions.add(Subscription.of("other-" + i, "other-org/repo-" + i, WebhookSecret.of("s" + i, "secret " + i)));
        }
        subscriptions.add(Subscription.of("app-deploy", "octo-org/app", WebhookSecret.of("hook", SECRET)).withRefs(RefFilter.parse("main")));
        SubscriptionRegistry registry = new SubscriptionRegistry();
        registry.replace(SubscriptionIndex.of(subscriptions));
        engine = new WebhookEngine(EngineSettings::defaults, registry,
                // Half the variants: a variant comes back after the window has let it go, so it is accepted again.
                new DuplicateWindow(variants / 2, Duration.ofHours(1), Clock.systemUTC()), new DeliveryLog(100),
                (s, d) -> new BuildScheduler.Scheduled(s.id()), Clock.systemUTC());
    }

    @Benchmark
    public byte[] hmacFloor() {
        return Hmac.SHA256.compute(key, body);
    }

    /** The push with a field in front that makes it its own: {@code {"n":7,...}}. */
    private static byte[] variant(byte[] push, int n) {
        byte[] prefix = ("{\"n\":" + n + ",").getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[prefix.length + push.length - 1];
        System.arraycopy(prefix, 0, out, 0, prefix.length);
        System.arraycopy(push, 1, out, prefix.length, push.length - 1);
        return out;
    }

    @Benchmark
    public BodyDigest bodyDigest() {
        return BodyDigest.of(body);
    }

    @Benchmark
    public Answer verifyParseMatch() {
        int i = (int) (deliveries % pushes.length);
        Answer a = engine.handle(Deliveries.push(pushes[i]).deliveryId("d-" + deliveries++).signature(signatures[i]).build());
        if (a.status() != 202) {
            throw new IllegalStateException("benchmark delivery was not accepted: " + a.bodyText());
        }
        return a;
    }
}
