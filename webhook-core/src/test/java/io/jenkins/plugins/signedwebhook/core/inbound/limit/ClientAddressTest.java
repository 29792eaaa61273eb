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
    void anUnknownOrUnreadablePeerIsNoClient() {
        assertThat(ClientAddress.resolve(null, List.of(), List.of())).isEmpty();
        assertThat(ClientAddress.resolve("not-an-address", List.of(), List.of())).isEmpty();
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
