package io.jenkins.plugins.signedwebhook.core.inbound.limit;

import io.jenkins.plugins.signedwebhook.core.outbound.policy.AddressRange;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The address a request is counted against: its peer, or, when the peer is a trusted proxy, the nearest address in
 * {@code X-Forwarded-For} that is not one (the entries further left were written by the client and prove nothing).
 * An IPv6 client is counted by its /64, the block one host is usually given, so it cannot take a fresh bucket per
 * address.
 *
 * @param key the IPv4 address, or the first 64 bits of the IPv6 one (an IPv4 key is tagged with the multicast prefix
 *     {@code ffff:ffff::/32}, which is never a source address, so the two kinds never share a key)
 */
public record ClientAddress(InetAddress address, long key) {
    private static final long IPV4_TAG = 0xffff_ffffL << 32;

    public static ClientAddress of(InetAddress address) {
        byte[] b = address.getAddress();
        long key = 0;
        for (int i = 0; i < Math.min(b.length, 8); i++) {
            key = (key << 8) | (b[i] & 0xff);
        }
        return new ClientAddress(address, address instanceof Inet4Address ? IPV4_TAG | key : key);
    }

    /**
     * @param peer the connection's remote address as the server sees it; empty when it is missing or not an IP literal
     * @param forwardedFor every {@code X-Forwarded-For} line, in the order received
     */
    public static Optional<ClientAddress> resolve(String peer, List<String> forwardedFor, List<AddressRange> trustedProxies) {
        Optional<InetAddress> from = peer == null ? Optional.empty() : literal(peer);
        if (from.isEmpty()) {
            return Optional.empty();
        }
        InetAddress client = from.get();
        List<String> hops = new ArrayList<>();
        forwardedFor.forEach(line -> hops.addAll(List.of(line.split(",", -1))));
        for (int i = hops.size() - 1; i >= 0 && trusted(client, trustedProxies); i--) {
            Optional<InetAddress> hop = literal(withoutPort(hops.get(i).strip()));
            if (hop.isEmpty()) {
                // What a trusted proxy passed on is unreadable: the proxy is the last address known for sure.
                break;
            }
            client = hop.get();
        }
        return Optional.of(of(client));
    }

    private static boolean trusted(InetAddress address, List<AddressRange> trustedProxies) {
        return trustedProxies.stream().anyMatch(r -> r.contains(address));
    }

    /** A socket address may carry an IPv6 zone ({@code fe80::1%eth0}); the zone is not part of who sent it. */
    private static Optional<InetAddress> literal(String text) {
        int zone = text.indexOf('%');
        String bare = zone < 0 ? text : text.substring(0, zone) + (text.startsWith("[") ? "]" : "");
        return bare.isEmpty() ? Optional.empty() : AddressRange.parseLiteral(bare);
    }

    /** Some proxies write {@code 203.0.113.7:51234} or {@code [2001:db8::1]:51234}. */
    private static String withoutPort(String hop) {
        if (hop.startsWith("[")) {
            int close = hop.indexOf(']');
            return close < 0 ? hop : hop.substring(0, close + 1);
        }
        int colon = hop.indexOf(':');
        return colon >= 0 && colon == hop.lastIndexOf(':') ? hop.substring(0, colon) : hop;
    }

    @Override
    public String toString() {
        return address instanceof Inet4Address ? address.getHostAddress() : address.getHostAddress() + " (its /64)";
    }
}
