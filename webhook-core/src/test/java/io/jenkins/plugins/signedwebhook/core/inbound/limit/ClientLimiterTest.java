package io.jenkins.plugins.signedwebhook.core.inbound.limit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.signedwebhook.core.outbound.ManualClock;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClientLimiterTest {
    private final ManualClock clock = new ManualClock(Instant.parse("2026-11-25T10:00:00Z"));

    private static ClientAddress address(int n) {
        try {
            return ClientAddress.of(InetAddress.getByAddress(new byte[] {(byte) (n >>> 24), (byte) (n >>> 16), (byte) (n >>> 8), (byte) n}));
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void refusesAClientOnceItsBucketIsEmptyAndSaysWhenToComeBack() {
        ClientLimiter limiter = new ClientLimiter(new FloodLimits(3, 6, List.of()), clock);
        ClientAddress client = address(1);
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.retryAfterSeconds(client)).as("failure %d", i).isZero();
            limiter.failed(client);
        }
        // Six a minute: a token comes back every 10 s.
        assertThat(limiter.retryAfterSeconds(client)).isEqualTo(10);
        assertThat(limiter.retryAfterSeconds(address(2))).isZero();
        clock.advance(Duration.ofSeconds(9));
        assertThat(limiter.retryAfterSeconds(client)).isEqualTo(1);
        clock.advance(Duration.ofSeconds(1));
        assertThat(limiter.retryAfterSeconds(client)).isZero();
        limiter.failed(client);
        assertThat(limiter.retryAfterSeconds(client)).isEqualTo(10);
    }

    @Test
    void aFullBucketComesBackAfterBurstTimesTheRefill() {
        ClientLimiter limiter = new ClientLimiter(new FloodLimits(3, 6, List.of()), clock);
        ClientAddress client = address(1);
        for (int i = 0; i < 10; i++) {
            limiter.failed(client);
        }
        // Failures past the limit (that raced the check) owe no more than a whole bucket.
        assertThat(limiter.retryAfterSeconds(client)).isEqualTo(10);
        clock.advance(Duration.ofSeconds(30));
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.retryAfterSeconds(client)).isZero();
            limiter.failed(client);
        }
        assertThat(limiter.retryAfterSeconds(client)).isPositive();
    }

    @Test
    void aSprayOfAHundredThousandAddressesStaysWithinTheCap() {
        ClientLimiter limiter = new ClientLimiter(FloodLimits.defaults(), clock);
        for (int i = 0; i < 100_000; i++) {
            ClientAddress client = address(0x0a000000 + i);
            assertThat(limiter.retryAfterSeconds(client)).isZero();
            limiter.failed(client);
        }
        assertThat(limiter.size()).isEqualTo(ClientLimiter.MAX_CLIENTS);
    }

    @Test
    void theClientsCountedLatelyAreKeptWhenTheCapIsReached() {
        ClientLimiter limiter = new ClientLimiter(new FloodLimits(1, 1, List.of()), 100, clock);
        ClientAddress offender = address(1);
        limiter.failed(offender);
        for (int i = 0; i < 1000; i++) {
            // The offender keeps coming back, so it stays among the clients touched most recently.
            assertThat(limiter.retryAfterSeconds(offender)).isPositive();
            limiter.failed(address(1000 + i));
        }
        assertThat(limiter.size()).isEqualTo(100);
    }

    @Test
    void aClientWhoseBucketRefilledIsForgotten() {
        ClientLimiter limiter = new ClientLimiter(FloodLimits.defaults(), clock);
        limiter.failed(address(1));
        clock.advance(Duration.ofMinutes(1));
        assertThat(limiter.retryAfterSeconds(address(1))).isZero();
        assertThat(limiter.size()).isZero();
    }

    @Test
    void anUnlimitedLimiterNeverRefusesAndCountsNothing() {
        ClientLimiter limiter = ClientLimiter.unlimited(clock);
        assertThat(limiter.clientOf("203.0.113.7", List.of())).isEmpty();
        for (int i = 0; i < 1000; i++) {
            limiter.failed(address(1));
        }
        assertThat(limiter.retryAfterSeconds(address(1))).isZero();
        assertThat(limiter.size()).isZero();
    }

    @Test
    void limitsOutsideTheirRangeAreRefusedWithTheReason() {
        assertThatThrownBy(() -> new FloodLimits(0, 10, List.of())).hasMessageContaining("between 1 and");
        assertThatThrownBy(() -> new FloodLimits(10, 0, List.of())).hasMessageContaining("a minute");
    }
}
