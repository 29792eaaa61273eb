package io.jenkins.plugins.signedwebhook.core.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
    private static final Instant CREATED = Instant.parse("2026-11-23T10:00:00Z");
    private static final RetryPolicy POLICY =
            new RetryPolicy(5, Duration.ofSeconds(1), Duration.ofSeconds(10), Duration.ofMinutes(1));
    private static final AttemptResult SERVER_ERROR = new AttemptResult.Answered(500, Optional.empty());

    @Test
    void deliveredOn2xx() {
        assertThat(POLICY.decide(1, new AttemptResult.Succeeded(204), CREATED, CREATED, new FixedRandom(0.5)))
                .isEqualTo(new RetryDecision.Delivered());
    }

    @Test
    void jittersUniformlyBelowTheDoublingBound() {
        assertThat(POLICY.backoff(1, new FixedRandom(0.5))).isEqualTo(Duration.ofMillis(500));
        assertThat(POLICY.backoff(2, new FixedRandom(0.5))).isEqualTo(Duration.ofMillis(1000));
        assertThat(POLICY.backoff(3, new FixedRandom(0.5))).isEqualTo(Duration.ofMillis(2000));
    }

    @Test
    void capsTheBackoffBound() {
        assertThat(POLICY.backoff(60, new FixedRandom(0.999))).isEqualTo(Duration.ofMillis(9990));
    }

    @Test
    void fullJitterCanRetryImmediately() {
        assertThat(POLICY.decide(1, SERVER_ERROR, CREATED, CREATED, new FixedRandom(0.0)))
                .isEqualTo(new RetryDecision.RetryAt(CREATED));
    }

    @Test
    void retriesAt408And429And5xx() {
        for (int status : new int[] {408, 429, 500, 502, 503, 599}) {
            assertThat(POLICY.decide(1, new AttemptResult.Answered(status, Optional.empty()), CREATED, CREATED, new FixedRandom(0.5)))
                    .as("status %d", status)
                    .isEqualTo(new RetryDecision.RetryAt(CREATED.plusMillis(500)));
        }
    }

    @Test
    void doesNotRetryOtherClientErrorsOrRedirects() {
        for (int status : new int[] {301, 302, 400, 401, 403, 404, 422}) {
            assertThat(POLICY.decide(1, new AttemptResult.Answered(status, Optional.empty()), CREATED, CREATED, new FixedRandom(0.5)))
                    .as("status %d", status)
                    .isEqualTo(new RetryDecision.GiveUp(StopReason.REJECTED));
        }
    }

    @Test
    void stopsForGoodOn410() {
        assertThat(POLICY.decide(1, new AttemptResult.Answered(410, Optional.empty()), CREATED, CREATED, new FixedRandom(0.5)))
                .isEqualTo(new RetryDecision.GiveUp(StopReason.GONE));
    }

    @Test
    void retriesConnectionFailuresAndTimeouts() {
        for (ErrorKind kind : new ErrorKind[] {ErrorKind.CONNECT_FAILED, ErrorKind.TIMEOUT, ErrorKind.IO_ERROR}) {
            assertThat(POLICY.decide(1, new AttemptResult.Failed(kind, "x"), CREATED, CREATED, new FixedRandom(0.5)))
                    .isEqualTo(new RetryDecision.RetryAt(CREATED.plusMillis(500)));
        }
    }

    @Test
    void neverRetriesATargetTheUrlPolicyRefused() {
        assertThat(POLICY.decide(1, new AttemptResult.Failed(ErrorKind.URL_REFUSED, "loopback"), CREATED, CREATED, new FixedRandom(0.5)))
                .isEqualTo(new RetryDecision.GiveUp(StopReason.URL_REFUSED));
    }

    @Test
    void honoursRetryAfter() {
        AttemptResult busy = new AttemptResult.Answered(429, Optional.of(Duration.ofSeconds(7)));

        assertThat(POLICY.decide(1, busy, CREATED, CREATED, new FixedRandom(0.5)))
                .isEqualTo(new RetryDecision.RetryAt(CREATED.plusSeconds(7)));
    }

    @Test
    void honoursRetryAfterOnlyUpToTheCap() {
        AttemptResult busy = new AttemptResult.Answered(503, Optional.of(Duration.ofHours(1)));

        assertThat(POLICY.decide(1, busy, CREATED, CREATED, new FixedRandom(0.5)))
                .isEqualTo(new RetryDecision.RetryAt(CREATED.plusSeconds(10)));
    }

    @Test
    void givesUpAfterTheLastAttempt() {
        assertThat(POLICY.decide(5, SERVER_ERROR, CREATED, CREATED, new FixedRandom(0.5)))
                .isEqualTo(new RetryDecision.GiveUp(StopReason.ATTEMPTS_EXHAUSTED));
    }

    @Test
    void givesUpWhenTheNextAttemptWouldMissTheDeadline() {
        assertThat(POLICY.decide(2, SERVER_ERROR, CREATED, CREATED.plusSeconds(59).plusMillis(500), new FixedRandom(0.5)))
                .isEqualTo(new RetryDecision.GiveUp(StopReason.DEADLINE_EXCEEDED));
    }

    @Test
    void refusesAConfigurationWithoutAttempts() {
        assertThatThrownBy(() -> new RetryPolicy(0, Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1)))
                .hasMessageStartingWith("maxAttempts:");
    }
}
