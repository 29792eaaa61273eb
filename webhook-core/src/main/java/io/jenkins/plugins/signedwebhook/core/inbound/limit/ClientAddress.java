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
 * address. A peer that is not an IP literal is {@link #UNKNOWN}, one client for all of them, never an unlimited one.
 *
 * @param address null for the shared clients {@link #UNKNOWN} and {@link #FORWARDED}
 * @param key the IPv4 address, or the first 64 bits of the IPv6 one (an IPv4 key is tagged with the multicast prefix
 *     {@code ffff:ffff::/32}, which is never a source address, so the two kinds never share a key; the shared
 *     clients take {@code ffff:fffe::} and {@code ffff:fffd::}, multicast too)
 */
public record ClientAddress(InetAddress address, long key) {
    private static final long IPV4_TAG = 0xffff_ffffL << 32;

    /** Every peer that is not an IP literal: a name or a word costs its sender the same bucket each time. */
    public static final ClientAddress UNKNOWN = new ClientAddress(null, 0xffff_fffeL << 32);

    /**
     * Every request whose peer the web server replaced with an {@code X-Forwarded-For} entry, when no trusted proxy
     * says which entry to believe: the client may write any address there, a new one per request or its victim's.
     */
    public static final ClientAddress FORWARDED = new ClientAddress(null, 0xffff_fffdL << 32);

    public static ClientAddress of(InetAddress address) {
        byte[] b = address.getAddress();
        long key = 0;
        for (int i = 0; i < Math.min(b.length, 8); i++) {
            key = (key << 8) | (b[i] & 0xff);
        }
        return new ClientAddress(address, address instanceof Inet4Address ? IPV4_TAG | key : key);
    }

    /**
     * @param peer the connection's remote address as the server sees it; {@link #UNKNOWN} when it is not an IP literal
     * @param forwardedFor every {@code X-Forwarded-For} line, in the order received
     * @return empty only when {@code peer} is null: the adapter knows no peer and counts nothing
     */
    public static Optional<ClientAddress> resolve(String peer, List<String> forwardedFor, List<AddressRange> trustedProxies) {
        if (peer == null) {
            return Optional.empty();
        }
        Optional<InetAddress> from = literal(peer);
        if (from.isEmpty()) {
            return Optional.of(UNKNOWN);
        }
        InetAddress client = from.get();
        List<String> hops = hops(forwardedFor);
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

    /**
     * The client of a request whose peer the web server replaced with what {@code X-Forwarded-For} names, the real
     * peer being out of reach (Jetty's {@code ForwardedRequestCustomizer}, which Winstone puts on every connector, takes
     * the left-most entry, the one the client wrote): the right-most entry that is not a trusted proxy, as a proxy
     * appends its own peer on the right; {@link #FORWARDED} when no proxy is trusted or no such entry can be read.
     * It holds only where every request comes through the trusted proxies: a client that reaches the server directly
     * writes the right-most entry too.
     */
    public static ClientAddress behindForwardingServer(List<String> forwardedFor, List<AddressRange> trustedProxies) {
        if (trustedProxies.isEmpty()) {
            return FORWARDED;
        }
        List<String> hops = hops(forwardedFor);
        for (int i = hops.size() - 1; i >= 0; i--) {
            Optional<InetAddress> hop = literal(withoutPort(hops.get(i).strip()));
            if (hop.isEmpty()) {
                break;
            }
            if (!trusted(hop.get(), trustedProxies)) {
                return of(hop.get());
            }
        }
        // Only trusted proxies' addresses are no client either: a client can write those as well.
        return FORWARDED;
    }

    private static List<String> hops(List<String> forwardedFor) {
        List<String> hops = new ArrayList<>();
        forwardedFor.forEach(line -> hops.addAll(List.of(line.split(",", -1))));
        return hops;
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

    /**
     * The key of the client's network, for counting clients that find no bucket of their own: an IPv4 /24, an IPv6 /48
     * (the IPv4 address's low byte, or the /64's low 16 bits, cleared); a shared client's own key.
     */
    public long networkKey() {
        return address instanceof Inet4Address ? key & ~0xffL : key & ~0xffffL;
    }

    /** A loopback or private address: where a reverse proxy on the same host or network connects from. */
    public boolean isLocal() {
        return address != null && (address.isLoopbackAddress() || address.isSiteLocalAddress() || address.isLinkLocalAddress()
                || (address.getAddress().length == 16 && (address.getAddress()[0] & 0xfe) == 0xfc));
    }

    @Override
    public String toString() {
        if (address == null) {
            return key == UNKNOWN.key ? "peers that are not an IP address"
                    : "requests whose peer the web server took from X-Forwarded-For";
        }
        return address instanceof Inet4Address ? address.getHostAddress() : address.getHostAddress() + " (its /64)";
    }
}
