package io.jenkins.plugins.signedwebhook.core.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.jenkins.plugins.signedwebhook.core.inbound.limit.ClientAddress;
import io.jenkins.plugins.signedwebhook.core.outbound.policy.AddressRange;
import java.util.List;
import java.util.Optional;

/** {@code X-Forwarded-For} is whatever a client wrote; the rate limit's reading of it never throws nor looks a name up. */
class ClientAddressFuzzTest {
    private static final List<AddressRange> PROXIES = List.of(AddressRange.parse("10.0.0.0/8"), AddressRange.parse("fd00::/8"));

    @FuzzTest(maxDuration = "30s")
    void forwardedForIsReadOrStopsAtTheProxy(FuzzedDataProvider data) {
        String peer = data.pickValue(new String[] {"10.0.0.2", "203.0.113.9", "fd00::1", "[fd00::2]"});
        String forwardedFor = data.consumeRemainingAsString();

        Optional<ClientAddress> client = ClientAddress.resolve(peer, List.of(forwardedFor), PROXIES);

        assertThat(client).isPresent();
        if (!PROXIES.stream().anyMatch(r -> r.contains(ClientAddress.resolve(peer, List.of(), List.of()).get().address()))) {
            assertThat(client).isEqualTo(ClientAddress.resolve(peer, List.of(), List.of()));
        }
    }

    @FuzzTest(maxDuration = "30s")
    void aPeerTheServerTookFromForwardedForIsAnUntrustedEntryOrTheSharedClient(FuzzedDataProvider data) {
        boolean trusting = data.consumeBoolean();
        String forwardedFor = data.consumeRemainingAsString();

        ClientAddress client = ClientAddress.behindForwardingServer(List.of(forwardedFor), trusting ? PROXIES : List.of());

        if (!trusting) {
            assertThat(client).isEqualTo(ClientAddress.FORWARDED);
        } else if (client.address() != null) {
            assertThat(PROXIES.stream().anyMatch(r -> r.contains(client.address()))).isFalse();
        } else {
            assertThat(client).isEqualTo(ClientAddress.FORWARDED);
        }
        // A peer that is no address is a client too: the shared one.
        assertThat(ClientAddress.resolve(forwardedFor, List.of(), PROXIES)).isPresent();
    }
}
