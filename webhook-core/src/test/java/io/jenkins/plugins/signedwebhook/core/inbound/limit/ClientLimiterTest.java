package io.jenkins.plugins.signedwebhook.core.inbound.limit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.signedwebhook.core.outbound.ManualClock;
import io.jenkins.plugins.signedwebhook.core.outbound.policy.AddressRange;
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

    /** Each address fails once if it may, as a spray does; answers how many were refused. */
    private static int spray(ClientLimiter limiter, int from, int count, String repository) {
        int refused = 0;
        for (int i = 0; i < count; i++) {
            ClientAddress client = address(from + i);
            if (limiter.retryAfterSeconds(client, repository) > 0) {
                refused++;
            } else {
                limiter.failed(client, repository);
            }
        }
        return refused;
    }

    @Test
    void aSprayOfAHundredThousandAddressesStaysWithinTheCapAndPastItIsCountedPerSlash24() {
        ClientLimiter limiter = new ClientLimiter(FloodLimits.defaults(), clock);

        int refused = spray(limiter, 0x0a000000, 100_000, REPO);

        assertThat(limiter.size()).isEqualTo(ClientLimiter.MAX_CLIENTS);
        // The newcomers past the cap share their /24's bucket: its 60 tokens, then 429s.
        int expected = 0;
        for (int first = ClientLimiter.MAX_CLIENTS; first < 100_000; ) {
            int next = Math.min(100_000, (first / 256 + 1) * 256);
            expected += Math.max(0, next - first - FloodLimits.DEFAULT_BURST);
            first = next;
        }
        assertThat(refused).isEqualTo(expected);
    }

    @Test
    void aClientThatNeverFailedIsNotRefusedWhileASprayHoldsEveryBucketAndItsNetworksOverflow() {
        ClientLimiter limiter = new ClientLimiter(FloodLimits.defaults(), clock);
        spray(limiter, 0x0a000000, 100_000, REPO);
        ClientAddress github = address(0x8c527301);

        assertThat(limiter.retryAfterSeconds(github, REPO)).isZero();
        assertThat(limiter.retryAfterSeconds(address(0x0a0186a0 - 1), REPO)).as("the sprayer's own /24").isPositive();
    }

    @Test
    void aLimitedClientStaysLimitedThroughASprayOfAHundredThousandOtherAddresses() {
        ClientLimiter limiter = new ClientLimiter(FloodLimits.defaults(), clock);
        ClientAddress offender = address(0xcb007107);
        for (int i = 0; i < FloodLimits.DEFAULT_BURST; i++) {
            limiter.failed(offender, REPO);
        }
        long wait = limiter.retryAfterSeconds(offender, REPO);
        assertThat(wait).isPositive();

        spray(limiter, 0x0a000000, 100_000, REPO);

        // Never touched during the spray, so the least recently used: it used to be the first forgotten.
        assertThat(limiter.retryAfterSeconds(offender, REPO)).isEqualTo(wait);
        assertThat(limiter.size()).isEqualTo(ClientLimiter.MAX_CLIENTS);
    }

    @Test
    void aBucketThatHasRefilledMakesRoomForANewcomerOnceTheCapIsReached() {
        ClientLimiter limiter = new ClientLimiter(new FloodLimits(2, 6, List.of()), 100, clock);
        ClientAddress offender = address(1);
        limiter.failed(offender, REPO);
        limiter.failed(offender, REPO);
        spray(limiter, 1000, 99, REPO);
        clock.advance(Duration.ofSeconds(10));
        limiter.failed(offender, REPO);
        // The sprayed buckets took one token of two: full again after 10 s; the offender, first in the map, owes 20 s.
        ClientAddress newcomer = address(5000);
        limiter.failed(newcomer, REPO);
        limiter.failed(newcomer, REPO);

        assertThat(limiter.retryAfterSeconds(newcomer, REPO)).isEqualTo(10);
        assertThat(limiter.retryAfterSeconds(address(5001), REPO)).as("the overflow bucket was not used").isZero();
        assertThat(limiter.retryAfterSeconds(offender, REPO)).isEqualTo(10);
        assertThat(limiter.size()).isEqualTo(100);
    }

    @Test
    void theOverflowBucketIsPerNetworkAndRepository() {
        ClientLimiter limiter = new ClientLimiter(new FloodLimits(3, 6, List.of()), 10, clock);
        spray(limiter, 1000, 10 + 3, REPO);

        assertThat(limiter.retryAfterSeconds(address(1020), REPO)).as("same /24").isPositive();
        assertThat(limiter.retryAfterSeconds(address(1020), "octo-org/site")).isZero();
        assertThat(limiter.retryAfterSeconds(address(9000), REPO)).as("another /24").isZero();
    }

    @Test
    void pastATenthOfTheCapInOverflowNetworksANewNetworksFailuresAreNotCounted() {
        ClientLimiter limiter = new ClientLimiter(new FloodLimits(1, 6, List.of()), 10, clock);
        spray(limiter, 0, 10, REPO);
        spray(limiter, 0x01000000, 1, REPO);
        ClientAddress late = address(0x02000000);
        limiter.failed(late, REPO);

        assertThat(limiter.retryAfterSeconds(address(0x01000001), REPO)).as("the counted network").isPositive();
        assertThat(limiter.retryAfterSeconds(late, REPO)).isZero();
        assertThat(limiter.size()).isEqualTo(10);
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
        int refusedAcrossBlocks = 0;
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
            if (manyBlocks.retryAfterSeconds(block, REPO) > 0) {
                refusedAcrossBlocks++;
            } else {
                manyBlocks.failed(block, REPO);
            }
        }
        assertThat(oneBlock.size()).isEqualTo(1);
        assertThat(refused).isEqualTo(100_000 - FloodLimits.DEFAULT_BURST);
        assertThat(manyBlocks.size()).isEqualTo(ClientLimiter.MAX_CLIENTS);
        // Past the cap, the newcomers of each /48 (2001:db8:0::/48 and 2001:db8:1::/48 here) share its bucket.
        assertThat(refusedAcrossBlocks).isEqualTo(100_000 - ClientLimiter.MAX_CLIENTS - 2 * FloodLimits.DEFAULT_BURST);
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
    void peersThatAreNotIpLiteralsShareOneBucketAndAreLimited() {
        ClientLimiter limiter = new ClientLimiter(new FloodLimits(3, 6, List.of()), clock);
        for (int i = 0; i < 3; i++) {
            ClientAddress written = limiter.clientOf("x" + i, List.of()).orElseThrow();
            assertThat(limiter.retryAfterSeconds(written, REPO)).isZero();
            limiter.failed(written, REPO);
        }

        assertThat(limiter.retryAfterSeconds(limiter.clientOf("anything-else", List.of()).orElseThrow(), REPO)).isEqualTo(10);
        assertThat(limiter.retryAfterSeconds(address(1), REPO)).isZero();
    }

    @Test
    void aPeerReplacedByTheServerIsCountedByWhatTheTrustedProxiesSayOrAsOneClient() {
        ClientLimiter untrusting = new ClientLimiter(new FloodLimits(3, 6, List.of()), clock);
        for (int i = 0; i < 3; i++) {
            // A fresh address written per request: all of them one client.
            untrusting.failed(untrusting.clientOf("198.51.100." + i, true, List.of("198.51.100." + i)).orElseThrow(), REPO);
        }
        assertThat(untrusting.retryAfterSeconds(untrusting.clientOf("140.82.115.1", true, List.of("140.82.115.1")).orElseThrow(),
                REPO)).isEqualTo(10);
        assertThat(untrusting.retryAfterSeconds(untrusting.clientOf("140.82.115.1", List.of()).orElseThrow(), REPO))
                .as("the address itself, unforwarded").isZero();

        ClientLimiter trusting = new ClientLimiter(new FloodLimits(3, 6, List.of(AddressRange.parse("10.0.0.0/8"))), clock);
        assertThat(trusting.clientOf("1.1.1.1", true, List.of("1.1.1.1, 198.51.100.7, 10.0.0.2")).orElseThrow().toString())
                .isEqualTo("198.51.100.7");
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
