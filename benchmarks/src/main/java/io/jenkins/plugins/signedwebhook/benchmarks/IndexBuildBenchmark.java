package io.jenkins.plugins.signedwebhook.benchmarks;

import io.jenkins.plugins.signedwebhook.core.match.RefFilter;
import io.jenkins.plugins.signedwebhook.core.match.Subscription;
import io.jenkins.plugins.signedwebhook.core.match.SubscriptionIndex;
import io.jenkins.plugins.signedwebhook.core.signature.WebhookSecret;
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
 * What a configuration change costs with 10, 1,000 and 10,000 subscribed jobs: design.md wants one index build per
 * change, and 10,000 jobs rebuilt in under 50 ms. {@link IndexOneByOneBenchmark} is the way it was done before.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@State(Scope.Benchmark)
public class IndexBuildBenchmark {

    @Param({"10", "1000", "10000"})
    public int subscriptions;

    private List<Subscription> all;
    private SubscriptionIndex index;
    private Subscription rotated;

    @Setup
    public void setUp() {
        all = subscriptions(subscriptions);
        index = SubscriptionIndex.of(all);
        rotated = subscription(subscriptions / 2, "rotated secret");
    }

    /** Start-up: every job's subscription made (filters parsed, keyed MACs set up) and one index built from them. */
    @Benchmark
    public SubscriptionIndex startUp() {
        return SubscriptionIndex.of(subscriptions(subscriptions));
    }

    /** One index built from subscriptions that already exist: a refresh or a folder event that changed them all. */
    @Benchmark
    public SubscriptionIndex rebuildAll() {
        return SubscriptionIndex.empty().withAll(all);
    }

    /** One rotated secret: the one job's subscription is new, everything else is copied into one new index. */
    @Benchmark
    public SubscriptionIndex replaceOne() {
        return index.withAll(List.of(rotated));
    }

    static List<Subscription> subscriptions(int count) {
        List<Subscription> list = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            list.add(subscription(i, "secret " + i));
        }
        return list;
    }

    private static Subscription subscription(int i, String secret) {
        return Subscription.of("team-" + (i % 50) + "/job-" + i, "other-org/repo-" + i, WebhookSecret.of("hook-" + i, secret))
                .withRefs(RefFilter.parse("main, release/*"));
    }
}
