package io.jenkins.plugins.signedwebhook.core.inbound.limit;

import io.jenkins.plugins.signedwebhook.core.outbound.policy.AddressRange;
import java.util.List;

/**
 * How many failed verifications one client address may make: a bucket of {@code burst} tokens, each failure takes
 * one, {@code perMinute} come back a minute; an empty bucket is answered 429 before any HMAC is computed.
 *
 * @param trustedProxies peers whose {@code X-Forwarded-For} names the client; no other peer's is read
 */
public record FloodLimits(int burst, int perMinute, List<AddressRange> trustedProxies) {
    /**
     * Generous on purpose: deliveries share the sender's few addresses (GitHub's hooks all come from its ranges), and a
     * 429 refuses the correct deliveries from that address too, so a hook with a wrong secret firing many times a
     * minute must never empty it; a flood does, after 60 HMACs, and gets one every two seconds.
     */
    public static final int DEFAULT_BURST = 60;
    public static final int DEFAULT_PER_MINUTE = 30;
    public static final int MAX_BURST = 100_000;
    public static final int MAX_PER_MINUTE = 60_000;

    public FloodLimits {
        if (burst < 1 || burst > MAX_BURST) {
            throw new IllegalArgumentException("failed verifications allowed at once must be between 1 and " + MAX_BURST
                    + ", not " + burst);
        }
        if (perMinute < 1 || perMinute > MAX_PER_MINUTE) {
            throw new IllegalArgumentException("failed verifications allowed a minute must be between 1 and "
                    + MAX_PER_MINUTE + ", not " + perMinute);
        }
        trustedProxies = List.copyOf(trustedProxies);
    }

    public static FloodLimits defaults() {
        return new FloodLimits(DEFAULT_BURST, DEFAULT_PER_MINUTE, List.of());
    }

    /** Milliseconds for one token to come back. */
    long refillMillis() {
        return Math.max(1, 60_000L / perMinute);
    }
}
