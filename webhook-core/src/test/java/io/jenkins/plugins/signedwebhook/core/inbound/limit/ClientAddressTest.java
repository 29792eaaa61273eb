package io.jenkins.plugins.signedwebhook.core.inbound.limit;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.signedwebhook.core.outbound.policy.AddressRange;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ClientAddressTest {
    private static final List<AddressRange> PROXIES = List.of(AddressRange.parse("10.0.0.0/8"));

    private static String resolved(String peer, List<String> forwardedFor, List<AddressRange> trusted) {
        return ClientAddress.resolve(peer, forwardedFor, trusted).map(c -> c.address().getHostAddress()).orElse(null);
    }

    @Test
    void isThePeerWhenNoProxyIsTrusted() {
        assertThat(resolved("203.0.113.7", List.of("198.51.100.1"), List.of())).isEqualTo("203.0.113.7");
    }

    @Test
    void forwardedForFromAPeerThatIsNotATrustedProxyIsIgnored() {
        assertThat(resolved("203.0.113.7", List.of("198.51.100.1"), PROXIES)).isEqualTo("203.0.113.7");
    }

    @Test
    void behindTrustedProxiesIsTheNearestAddressThatIsNotOne() {
        // The leftmost entry is whatever the client wrote; only what the trusted proxies appended counts.
        assertThat(resolved("10.0.0.2", List.of("1.1.1.1, 198.51.100.1", "10.0.0.9"), PROXIES)).isEqualTo("198.51.100.1");
    }

    @Test
    void anUnreadableEntryFromATrustedProxyStopsAtTheProxy() {
        assertThat(resolved("10.0.0.2", List.of("198.51.100.1, unknown"), PROXIES)).isEqualTo("10.0.0.2");
        assertThat(resolved("10.0.0.2", List.of("evil.example"), PROXIES)).isEqualTo("10.0.0.2");
    }

    @Test
    void readsEntriesWithPortsAndBrackets() {
        assertThat(resolved("10.0.0.2", List.of("198.51.100.1:5123"), PROXIES)).isEqualTo("198.51.100.1");
        assertThat(resolved("10.0.0.2", List.of("[2001:db8::1]:5123"), PROXIES)).isEqualTo("2001:db8:0:0:0:0:0:1");
    }

    @Test
    void aPeerTheAdapterDoesNotKnowIsNoClient() {
        assertThat(ClientAddress.resolve(null, List.of(), List.of())).isEmpty();
    }

    @Test
    void everyPeerThatIsNotAnIpLiteralIsOneSharedUnknownClient() {
        // A server that takes its peer from X-Forwarded-For hands on whatever the client wrote there.
        for (String written : List.of("x", "not-an-address", "evil.example", "", "unknown", "1.2.3.4.5")) {
            assertThat(ClientAddress.resolve(written, List.of(), List.of())).as(written).contains(ClientAddress.UNKNOWN);
        }
        assertThat(ClientAddress.UNKNOWN.key())
                .isNotEqualTo(ClientAddress.resolve("255.255.255.254", List.of(), List.of()).get().key())
                .isNotEqualTo(ClientAddress.resolve("ffff:ffff:ffff:ffff::1", List.of(), List.of()).get().key())
                .isNotEqualTo(ClientAddress.FORWARDED.key());
        assertThat(ClientAddress.UNKNOWN.toString()).contains("not an IP address");
        assertThat(ClientAddress.UNKNOWN.isLocal()).isFalse();
    }

    @Test
    void withThePeerReplacedByTheServerAndNoTrustedProxyEveryForwardedRequestIsOneClient() {
        for (List<String> forwardedFor : List.of(List.of("198.51.100.1"), List.of("140.82.115.1"), List.of("x"), List.<String>of(),
                List.of("1.1.1.1, 198.51.100.1"))) {
            assertThat(ClientAddress.behindForwardingServer(forwardedFor, List.of())).as("%s", forwardedFor)
                    .isEqualTo(ClientAddress.FORWARDED);
        }
        assertThat(ClientAddress.FORWARDED.toString()).contains("X-Forwarded-For");
    }

    @Test
    void withThePeerReplacedByTheServerTheRightMostEntryThatIsNotATrustedProxyIsTheClient() {
        // The proxy appends its peer on the right; what is further left the client wrote.
        assertThat(ClientAddress.behindForwardingServer(List.of("1.1.1.1, 198.51.100.1"), PROXIES).address().getHostAddress())
                .isEqualTo("198.51.100.1");
        assertThat(ClientAddress.behindForwardingServer(List.of("1.1.1.1, 198.51.100.1", "10.0.0.9"), PROXIES).address()
                .getHostAddress()).isEqualTo("198.51.100.1");
        assertThat(ClientAddress.behindForwardingServer(List.of("198.51.100.1:5123, 10.0.0.9"), PROXIES).address()
                .getHostAddress()).isEqualTo("198.51.100.1");
    }

    @Test
    void withThePeerReplacedByTheServerNoReadableUntrustedEntryIsTheSharedForwardedClient() {
        // Only trusted proxies (a client can write those too), an unreadable entry on the way, or none at all.
        assertThat(ClientAddress.behindForwardingServer(List.of("10.0.0.7, 10.0.0.9"), PROXIES)).isEqualTo(ClientAddress.FORWARDED);
        assertThat(ClientAddress.behindForwardingServer(List.of("198.51.100.1, x"), PROXIES)).isEqualTo(ClientAddress.FORWARDED);
        assertThat(ClientAddress.behindForwardingServer(List.of(), PROXIES)).isEqualTo(ClientAddress.FORWARDED);
    }

    @Test
    void anIpv6ClientIsCountedByItsSlash64AndApartFromIpv4() {
        Optional<ClientAddress> a = ClientAddress.resolve("2001:db8:1:2::1", List.of(), List.of());
        Optional<ClientAddress> b = ClientAddress.resolve("[2001:db8:1:2:ffff::9]", List.of(), List.of());
        Optional<ClientAddress> other = ClientAddress.resolve("2001:db8:1:3::1", List.of(), List.of());
        Optional<ClientAddress> zoned = ClientAddress.resolve("fe80::1%eth0", List.of(), List.of());
        assertThat(a.get().key()).isEqualTo(b.get().key()).isNotEqualTo(other.get().key());
        assertThat(zoned).isPresent();
        assertThat(ClientAddress.resolve("0.0.0.1", List.of(), List.of()).get().key())
                .isNotEqualTo(ClientAddress.resolve("::1", List.of(), List.of()).get().key());
    }
}
