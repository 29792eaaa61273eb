package io.jenkins.plugins.signedwebhook.core.outbound;

import java.time.Duration;
import java.util.Objects;

/** Both limits are always set: {@code connect} for the TCP/TLS connection, {@code attempt} for a whole exchange. */
public record Timeouts(Duration connect, Duration attempt) {

    public Timeouts {
        requirePositive(connect, "connect");
        requirePositive(attempt, "attempt");
    }

    /** 10 s to connect, 30 s per attempt. */
    public static Timeouts defaults() {
        return new Timeouts(Duration.ofSeconds(10), Duration.ofSeconds(30));
    }

    private static void requirePositive(Duration value, String field) {
        Objects.requireNonNull(value, field);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("timeouts." + field + ": must be positive, was " + value);
        }
    }
}
