package io.jenkins.plugins.signedwebhook.core.outbound.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

class AddressNotationPropertiesTest {
    private static final HostResolver NO_DNS = host -> {
        throw new UnknownHostException(host);
    };

    @Property
    void everyDottedDecimalAddressParsesToItsOwnBytes(@ForAll @Size(4) byte[] bytes) throws UnknownHostException {
        InetAddress address = InetAddress.getByAddress(bytes);

        assertThat(AddressRange.parseLiteral(address.getHostAddress())).contains(address);
    }

    @Property
    void everyAddressWrittenAsOneDecimalNumberIsRefused(@ForAll @LongRange(min = 0, max = 0xFFFF_FFFFL) long number) {
        UrlDecision decision = UrlPolicy.allowing(List.of("0.0.0.0/0")).check(URI.create("http://" + number + "/"), NO_DNS);

        assertThat(decision.refusal()).hasValueSatisfying(
                refused -> assertThat(refused.reason()).isEqualTo(UrlDecision.Reason.NON_CANONICAL_ADDRESS));
    }

    @Property
    void everyAddressWithAnOctalPartIsRefused(@ForAll @LongRange(min = 0, max = 0xFFFF_FFFFL) long number) {
        String octal = "0" + Long.toOctalString((number >>> 24) & 0xFF) + "." + ((number >>> 16) & 0xFF) + "."
                + ((number >>> 8) & 0xFF) + "." + (number & 0xFF);

        UrlDecision decision = UrlPolicy.allowing(List.of("0.0.0.0/0")).check(URI.create("http://" + octal + "/"), NO_DNS);

        assertThat(decision.refusal()).hasValueSatisfying(
                refused -> assertThat(refused.reason()).isEqualTo(UrlDecision.Reason.NON_CANONICAL_ADDRESS));
    }
}
