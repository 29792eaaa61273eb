package io.jenkins.plugins.signedwebhook.benchmarks;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.jenkins.plugins.signedwebhook.core.event.Json;
import io.jenkins.plugins.signedwebhook.core.event.RepositoryPeek;
import io.jenkins.plugins.signedwebhook.core.testing.HostileBodies;
import java.io.IOException;
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
 * What an unsigned body costs before its signature is checked, by its shape: 1,000,000 distinct keys against one
 * long string of the same 19 MB. The target (issue 16) is at most 2x between them.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@State(Scope.Benchmark)
public class PeekShapeBenchmark {
    @Param({"distinctKeys", "oneLongString"})
    public String shape;

    private byte[] body;

    @Setup
    public void setUp() {
        byte[] keys = HostileBodies.distinctKeys(1_000_000);
        body = shape.equals("distinctKeys") ? keys : HostileBodies.oneLongString(keys.length);
    }

    @Benchmark
    public RepositoryPeek.Result peek() {
        return RepositoryPeek.peek(body, 0, body.length);
    }

    /** The peek as it was before issue 16, on Jackson's tokenizer with its default name canonicalisation: the baseline. */
    @Benchmark
    public boolean jacksonTokens() throws IOException {
        try (JsonParser p = Json.parser(body, 0, body.length)) {
            p.nextToken();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                if ("repository".equals(p.currentName())) {
                    return true;
                }
                p.nextToken();
                p.skipChildren();
            }
            return false;
        }
    }
}
