package io.jenkins.plugins.signedwebhook.benchmarks;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import io.jenkins.plugins.signedwebhook.core.inbound.Answer;
import java.util.concurrent.TimeUnit;

/** A 10 KB delivery's full cost with 10, 1,000 and 10,000 subscriptions on other repositories: design.md wants it flat. */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
public class IndexBenchmark {

    @Param({"10", "1000", "10000"})
    public int otherSubscriptions;

    private final InboundBenchmark delivery = new InboundBenchmark();

    @Setup
    public void setUp() {
        delivery.size = "10KB";
        delivery.otherSubscriptions = otherSubscriptions;
        delivery.setUp();
    }

    @Benchmark
    public Answer deliveryAmongOtherSubscriptions() {
        return delivery.verifyParseMatch();
    }
}
