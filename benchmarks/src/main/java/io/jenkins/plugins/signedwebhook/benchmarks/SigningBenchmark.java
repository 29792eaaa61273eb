package io.jenkins.plugins.signedwebhook.benchmarks;

import io.jenkins.plugins.signedwebhook.core.outbound.signing.SignatureHeaders;
import io.jenkins.plugins.signedwebhook.core.outbound.signing.StandardWebhooksVerifier;
import io.jenkins.plugins.signedwebhook.core.outbound.signing.Verification;
import io.jenkins.plugins.signedwebhook.core.outbound.signing.SigningSecret;
import io.jenkins.plugins.signedwebhook.core.signature.Hmac;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
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
 * Cost of signing an outbound callback (Standard Webhooks and X-Hub-Signature-256 together) and of verifying one,
 * against one bare HMAC-SHA256 over the same bytes.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
public class SigningBenchmark {
    private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");

    @Param({"1KB", "1MB"})
    public String size;

    private byte[] body;
    private List<SigningSecret> secrets;
    private byte[] key;
    private SignatureHeaders signed;
    private StandardWebhooksVerifier verifier;

    @Setup
    public void setUp() {
        body = new byte[size.equals("1KB") ? 1024 : 1024 * 1024];
        Arrays.fill(body, (byte) 'x');
        secrets = List.of(SigningSecret.of("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"));
        key = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw".getBytes(StandardCharsets.UTF_8);
        signed = SignatureHeaders.sign("msg_benchmark", NOW, body, secrets);
        verifier = new StandardWebhooksVerifier(secrets, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Benchmark
    public byte[] hmacFloor() {
        return Hmac.SHA256.compute(key, body);
    }

    @Benchmark
    public SignatureHeaders signBothSchemes() {
        return SignatureHeaders.sign("msg_benchmark", NOW, body, secrets);
    }

    @Benchmark
    public Verification verifyStandardWebhooks() {
        java.util.Map<String, String> h = signed.asMap();
        return verifier.verify(h.get("webhook-id"), h.get("webhook-timestamp"), h.get("webhook-signature"), body);
    }
}
