package io.jenkins.plugins.signedwebhook.core.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** In {@code mvn verify} this replays the seeds under {@code RetryAfterFuzzTestInputs/}. */
class RetryAfterFuzzTest {

    @FuzzTest
    void parseNeverThrowsAndNeverGoesNegative(FuzzedDataProvider data) {
        Instant now = Instant.ofEpochSecond(data.consumeLong(0, 253_402_300_799L));
        String value = data.consumeRemainingAsString();

        Optional<Duration> delay = RetryAfter.parse(value, now);

        delay.ifPresent(d -> assertThat(d).isBetween(Duration.ZERO, Duration.ofDays(365)));
    }
}
