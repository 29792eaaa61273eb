package io.jenkins.plugins.signedwebhook.benchmarks;

import io.jenkins.plugins.signedwebhook.core.event.PushParser;
import io.jenkins.plugins.signedwebhook.core.event.RepositoryPeek;
import io.jenkins.plugins.signedwebhook.core.inbound.BoundedBody;
import io.jenkins.plugins.signedwebhook.core.signature.SignatureHeader;
import io.jenkins.plugins.signedwebhook.core.signature.SignatureVerifier;
import io.jenkins.plugins.signedwebhook.core.signature.WebhookSecret;
import io.jenkins.plugins.signedwebhook.core.testing.Deliveries;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** Where the time of one delivery goes: each stage of the inbound path alone, for the same 10 KB push. */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
public class StagesBenchmark {
    private static final String SECRET = "benchmark secret";

    @Param({"10KB"})
    public String size;

    private byte[] body;
    private SignatureHeader.Present signature;
    private List<WebhookSecret> secrets;

    @Setup
    public void setUp() {
        body = Payloads.ofSize(size);
        signature = (SignatureHeader.Present) SignatureHeader.parse(Deliveries.sign(SECRET, body), null, false);
        secrets = List.of(WebhookSecret.of("hook", SECRET));
    }

    @Benchmark
    public BoundedBody.Result read() throws IOException {
        return BoundedBody.read(new ByteArrayInputStream(body), body.length, BoundedBody.GITHUB_MAX_BYTES);
    }

    @Benchmark
    public RepositoryPeek.Result peek() {
        return RepositoryPeek.peek(body, 0, body.length);
    }

    @Benchmark
    public Optional<WebhookSecret> verify() {
        return SignatureVerifier.verify(signature, body, secrets);
    }

    @Benchmark
    public PushParser.Result parse() {
        return PushParser.parse(body);
    }

    /** What the engine does when no matching subscription filters by path. */
    @Benchmark
    public PushParser.Result parseWithoutPaths() {
        return PushParser.parse(body, 0, body.length, false);
    }
}
