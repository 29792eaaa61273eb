package io.jenkins.plugins.signedwebhook.core.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RetryAfterTest {
    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");

    @Test
    void readsDelaySeconds() {
        assertThat(RetryAfter.parse("120", NOW)).contains(Duration.ofSeconds(120));
    }

    @Test
    void readsAnHttpDate() {
        assertThat(RetryAfter.parse("Mon, 23 Nov 2026 10:00:30 GMT", NOW)).contains(Duration.ofSeconds(30));
    }

    @Test
    void treatsADateInThePastAsNoDelay() {
        assertThat(RetryAfter.parse("Mon, 23 Nov 2026 09:00:00 GMT", NOW)).contains(Duration.ZERO);
    }

    @Test
    void clampsHugeDelaysToAYear() {
        assertThat(RetryAfter.parse("99999999999999999999999", NOW)).contains(Duration.ofDays(365));
    }

    @Test
    void ignoresNegativeSeconds() {
        assertThat(RetryAfter.parse("-5", NOW)).isEmpty();
    }

    @Test
    void ignoresGarbage() {
        assertThat(RetryAfter.parse("soon", NOW)).isEmpty();
    }

    @Test
    void ignoresAnAbsentHeader() {
        assertThat(RetryAfter.parse(null, NOW)).isEmpty();
    }
}
