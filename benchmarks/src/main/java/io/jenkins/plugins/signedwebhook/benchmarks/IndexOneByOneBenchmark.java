package io.jenkins.plugins.signedwebhook.benchmarks;

import io.jenkins.plugins.signedwebhook.core.match.Subscription;
import io.jenkins.plugins.signedwebhook.core.match.SubscriptionIndex;
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
 * The index built the way start-up and the refresh did before batches: one {@code with} per job, each copying the
 * whole index, so N jobs cost N copies. 2,001 is the number of jobs in the report of issue 15.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@State(Scope.Benchmark)
public class IndexOneByOneBenchmark {

    @Param({"10", "1000", "2001"})
    public int subscriptions;

    private List<Subscription> all;

    @Setup
    public void setUp() {
        all = IndexBuildBenchmark.subscriptions(subscriptions);
    }

    @Benchmark
    public SubscriptionIndex oneWithPerJob() {
        SubscriptionIndex index = SubscriptionIndex.empty();
        for (Subscription s : all) {
            index = index.with(s);
        }
        return index;
    }
}
