package io.jenkins.plugins.signedwebhook;

import io.jenkins.plugins.signedwebhook.core.outbound.policy.AddressRange;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The proxies whose {@code X-Forwarded-For} names a delivery's client, as typed in the global configuration. */
final class TrustedProxies {
    private TrustedProxies() {}

    /** @throws IllegalArgumentException naming the first entry that is not an IP address or CIDR block */
    static List<AddressRange> ranges(String text) {
        List<AddressRange> ranges = new ArrayList<>();
        for (String entry : CallbackHosts.entries(text)) {
            ranges.add(AddressRange.parse(entry));
        }
        return ranges;
    }

    /** Why the list is not usable, or empty when it is. */
    static Optional<String> problem(String text) {
        try {
            ranges(text);
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of(Messages.TrustedProxies_Problem(e.getMessage()));
        }
    }
}
