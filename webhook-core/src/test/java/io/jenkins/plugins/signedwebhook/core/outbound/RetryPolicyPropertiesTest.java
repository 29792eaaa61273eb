package io.jenkins.plugins.signedwebhook.core.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

class RetryPolicyPropertiesTest {

    @Property
    void backoffNeverExceedsTheCapNorGoesNegative(
            @ForAll @IntRange(min = 1, max = 10_000) int attempt,
            @ForAll @DoubleRange(min = 0.0, max = 1.0, maxIncluded = false) double fraction,
            @ForAll @LongRange(min = 1, max = 3_600_000) long initialMillis,
            @ForAll @LongRange(min = 0, max = 86_400_000) long extraCapMillis) {
        RetryPolicy policy = new RetryPolicy(
                10, Duration.ofMillis(initialMillis), Duration.ofMillis(initialMillis + extraCapMillis), Duration.ofDays(1));

        Duration delay = policy.backoff(attempt, new FixedRandom(fraction));

        assertThat(delay).isBetween(Duration.ZERO, policy.maxDelay());
    }

    @Property
    void backoffBoundDoublesUntilTheCap(@ForAll @IntRange(min = 1, max = 20) int attempt) {
        RetryPolicy policy = new RetryPolicy(10, Duration.ofSeconds(1), Duration.ofDays(30), Duration.ofDays(1));

        Duration almostBound = policy.backoff(attempt, new FixedRandom(0.999_999));

        assertThat(almostBound.toMillis()).isEqualTo((long) (0.999_999 * (1000L << (attempt - 1))));
    }
}
