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
    private static final String REPO = "octo-org/app";
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
            assertThat(limiter.retryAfterSeconds(client, REPO)).as("failure %d", i).isZero();
            limiter.failed(client, REPO);
        }
        // Six a minute: a token comes back every 10 s.
        assertThat(limiter.retryAfterSeconds(client, REPO)).isEqualTo(10);
        assertThat(limiter.retryAfterSeconds(address(2), REPO)).isZero();
        clock.advance(Duration.ofSeconds(9));
        assertThat(limiter.retryAfterSeconds(client, REPO)).isEqualTo(1);
        clock.advance(Duration.ofSeconds(1));
        assertThat(limiter.retryAfterSeconds(client, REPO)).isZero();
        limiter.failed(client, REPO);
        assertThat(limiter.retryAfterSeconds(client, REPO)).isEqualTo(10);
    }

    @Test
    void aFullBucketComesBackAfterBurstTimesTheRefill() {
        ClientLimiter limiter = new ClientLimiter(new FloodLimits(3, 6, List.of()), clock);
        ClientAddress client = address(1);
        for (int i = 0; i < 10; i++) {
            limiter.failed(client, REPO);
        }
        // Failures past the limit (that raced the check) owe no more than a whole bucket.
        assertThat(limiter.retryAfterSeconds(client, REPO)).isEqualTo(10);
        clock.advance(Duration.ofSeconds(30));
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.retryAfterSeconds(client, REPO)).isZero();
            limiter.failed(client, REPO);
        }
        assertThat(limiter.retryAfterSeconds(client, REPO)).isPositive();
    }

    @Test
    void aSprayOfAHundredThousandAddressesStaysWithinTheCap() {
        ClientLimiter limiter = new ClientLimiter(FloodLimits.defaults(), clock);
        for (int i = 0; i < 100_000; i++) {
            ClientAddress client = address(0x0a000000 + i);
            assertThat(limiter.retryAfterSeconds(client, REPO)).isZero();
            limiter.failed(client, REPO);
        }
        assertThat(limiter.size()).isEqualTo(ClientLimiter.MAX_CLIENTS);
    }

    @Test
    void aSprayOfAddressesInsideOneIpv6Slash64EmptiesOneBucket() {
        ClientLimiter limiter = new ClientLimiter(new FloodLimits(3, 6, List.of()), clock);
        for (int i = 0; i < 3; i++) {
            ClientAddress sprayed = limiter.clientOf("2001:db8:1:2:" + Integer.toHexString(i) + "::1", List.of()).orElseThrow();
            assertThat(limiter.retryAfterSeconds(sprayed, REPO)).as("failure %d", i).isZero();
            limiter.failed(sprayed, REPO);
        }

        // Any other address of the /64 is the same client; the next /64 is another.
        for (String fresh : List.of("2001:db8:1:2:ffff:ffff:ffff:ffff", "[2001:db8:1:2::dead]", "2001:db8:1:2:1234:5678:9abc:def0")) {
            assertThat(limiter.retryAfterSeconds(limiter.clientOf(fresh, List.of()).orElseThrow(), REPO)).as(fresh).isEqualTo(10);
        }
        assertThat(limiter.retryAfterSeconds(limiter.clientOf("2001:db8:1:3::1", List.of()).orElseThrow(), REPO)).isZero();
        assertThat(limiter.size()).isEqualTo(1);
    }

    @Test
    void aSprayOfAHundredThousandIpv6AddressesInOneSlash64IsOneBucketAndAcrossSlash64sStaysWithinTheCap() {
        ClientLimiter oneBlock = new ClientLimiter(FloodLimits.defaults(), clock);
        ClientLimiter manyBlocks = new ClientLimiter(FloodLimits.defaults(), clock);
        int refused = 0;
        for (int i = 0; i < 100_000; i++) {
            ClientAddress inBlock = oneBlock.clientOf("2001:db8:aa:bb:" + Integer.toHexString(i >>> 16) + ":"
                    + Integer.toHexString(i & 0xffff) + "::7", List.of()).orElseThrow();
            if (oneBlock.retryAfterSeconds(inBlock, REPO) > 0) {
                refused++;
            } else {
                oneBlock.failed(inBlock, REPO);
            }
            ClientAddress block = manyBlocks.clientOf("2001:db8:" + Integer.toHexString(i >>> 16) + ":"
                    + Integer.toHexString(i & 0xffff) + "::1", List.of()).orElseThrow();
            assertThat(manyBlocks.retryAfterSeconds(block, REPO)).isZero();
            manyBlocks.failed(block, REPO);
        }
        assertThat(oneBlock.size()).isEqualTo(1);
        assertThat(refused).isEqualTo(100_000 - FloodLimits.DEFAULT_BURST);
        assertThat(manyBlocks.size()).isEqualTo(ClientLimiter.MAX_CLIENTS);
    }

    @Test
    void anIpv4MappedIpv6PeerIsCountedAsItsIpv4Address() {
        ClientLimiter limiter = new ClientLimiter(new FloodLimits(1, 1, List.of()), clock);
        limiter.failed(limiter.clientOf("203.0.113.7", List.of()).orElseThrow(), REPO);

        for (String mapped : List.of("::ffff:203.0.113.7", "[::ffff:203.0.113.7]", "0:0:0:0:0:ffff:cb00:7107")) {
            ClientAddress client = limiter.clientOf(mapped, List.of()).orElseThrow();
            assertThat(client.toString()).as(mapped).isEqualTo("203.0.113.7");
            assertThat(limiter.retryAfterSeconds(client, REPO)).as(mapped).isPositive();
        }
        // Its neighbour in IPv4 is another client, though an IPv6 /64 would hold both.
        assertThat(limiter.retryAfterSeconds(limiter.clientOf("::ffff:203.0.113.8", List.of()).orElseThrow(), REPO)).isZero();
        assertThat(limiter.size()).isEqualTo(1);
    }

    @Test
    void theClientsCountedLatelyAreKeptWhenTheCapIsReached() {
        ClientLimiter limiter = new ClientLimiter(new FloodLimits(1, 1, List.of()), 100, clock);
        ClientAddress offender = address(1);
        limiter.failed(offender, REPO);
        for (int i = 0; i < 1000; i++) {
            // The offender keeps coming back, so it stays among the clients touched most recently.
            assertThat(limiter.retryAfterSeconds(offender, REPO)).isPositive();
            limiter.failed(address(1000 + i), REPO);
        }
        assertThat(limiter.size()).isEqualTo(100);
    }

    @Test
    void aClientWhoseBucketRefilledIsForgotten() {
        ClientLimiter limiter = new ClientLimiter(FloodLimits.defaults(), clock);
        limiter.failed(address(1), REPO);
        clock.advance(Duration.ofMinutes(1));
        assertThat(limiter.retryAfterSeconds(address(1), REPO)).isZero();
        assertThat(limiter.size()).isZero();
    }

    @Test
    void anUnlimitedLimiterNeverRefusesAndCountsNothing() {
        ClientLimiter limiter = ClientLimiter.unlimited(clock);
        assertThat(limiter.clientOf("203.0.113.7", List.of())).isEmpty();
        for (int i = 0; i < 1000; i++) {
            limiter.failed(address(1), REPO);
        }
        assertThat(limiter.retryAfterSeconds(address(1), REPO)).isZero();
        assertThat(limiter.size()).isZero();
    }

    @Test
    void limitsOutsideTheirRangeAreRefusedWithTheReason() {
        assertThatThrownBy(() -> new FloodLimits(0, 10, List.of())).hasMessageContaining("between 1 and");
        assertThatThrownBy(() -> new FloodLimits(10, 0, List.of())).hasMessageContaining("a minute");
    }

    @Test
    void aClientsEmptyBucketForOneRepositoryLeavesItsOtherRepositoriesAlone() {
        ClientLimiter limiter = new ClientLimiter(new FloodLimits(3, 6, List.of()), clock);
        for (int i = 0; i < 3; i++) {
            limiter.failed(address(1), REPO);
        }

        assertThat(limiter.retryAfterSeconds(address(1), REPO)).isEqualTo(10);
        assertThat(limiter.retryAfterSeconds(address(1), "octo-org/site")).isZero();
    }

    @Test
    void aLoopbackPeerWithForwardedForAndNoTrustedProxyIsCountedAsItselfAndLocal() {
        ClientLimiter limiter = new ClientLimiter(FloodLimits.defaults(), clock);

        ClientAddress client = limiter.clientOf("127.0.0.1", List.of("140.82.115.1")).orElseThrow();

        assertThat(client.address().getHostAddress()).isEqualTo("127.0.0.1");
        assertThat(client.isLocal()).isTrue();
        assertThat(address(0x8c527301).isLocal()).as("140.82.115.1").isFalse();
    }
}
