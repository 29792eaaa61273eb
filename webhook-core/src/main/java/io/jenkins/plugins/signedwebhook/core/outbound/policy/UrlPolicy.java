package io.jenkins.plugins.signedwebhook.core.outbound.policy;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Where callbacks may go. Only {@code http} and {@code https}; no user info in the URL; IPv4 only in canonical
 * dotted-decimal form; and every address the host resolves to must be public unless an administrator allowed
 * the host by name or the address by CIDR. Cloud metadata names and addresses are refused even when allowed.
 *
 * <p>{@link #check} resolves the host itself; {@code Dispatcher} runs it immediately before every attempt.
 * {@link #checkLiteral} is the part that needs no lookup, for configuration checks.
 */
public record UrlPolicy(Set<String> allowedHosts, List<AddressRange> allowedRanges) {

    private static final Set<String> METADATA_NAMES = Set.of(
            "metadata.google.internal", "metadata.goog", "metadata", "instance-data", "instance-data.ec2.internal");
    private static final List<AddressRange> METADATA_ADDRESSES = List.of(
            AddressRange.parse("169.254.169.254"),
            AddressRange.parse("169.254.170.2"),
            AddressRange.parse("fd00:ec2::254"),
            AddressRange.parse("100.100.100.200"),
            AddressRange.parse("192.0.0.192"));
    private static final List<Blocked> BLOCKED = List.of(
            new Blocked("0.0.0.0/8", UrlDecision.Reason.UNSPECIFIED),
            new Blocked("::/128", UrlDecision.Reason.UNSPECIFIED),
            new Blocked("127.0.0.0/8", UrlDecision.Reason.LOOPBACK),
            new Blocked("::1/128", UrlDecision.Reason.LOOPBACK),
            new Blocked("169.254.0.0/16", UrlDecision.Reason.LINK_LOCAL),
            new Blocked("fe80::/10", UrlDecision.Reason.LINK_LOCAL),
            new Blocked("10.0.0.0/8", UrlDecision.Reason.PRIVATE),
            new Blocked("172.16.0.0/12", UrlDecision.Reason.PRIVATE),
            new Blocked("192.168.0.0/16", UrlDecision.Reason.PRIVATE),
            new Blocked("100.64.0.0/10", UrlDecision.Reason.PRIVATE),
            new Blocked("fc00::/7", UrlDecision.Reason.PRIVATE),
            new Blocked("fec0::/10", UrlDecision.Reason.PRIVATE),
            new Blocked("224.0.0.0/4", UrlDecision.Reason.MULTICAST),
            new Blocked("ff00::/8", UrlDecision.Reason.MULTICAST),
            new Blocked("240.0.0.0/4", UrlDecision.Reason.RESERVED));
    private static final AddressRange NAT64 = AddressRange.parse("64:ff9b::/96");
    private static final AddressRange SIX_TO_FOUR = AddressRange.parse("2002::/16");

    public UrlPolicy {
        Set<String> hosts = new TreeSet<>();
        for (String host : allowedHosts) {
            hosts.add(normalise(host));
        }
        allowedHosts = Set.copyOf(hosts);
        allowedRanges = List.copyOf(allowedRanges);
    }

    /** Public addresses only. */
    public static UrlPolicy defaults() {
        return new UrlPolicy(Set.of(), List.of());
    }

    /**
     * The default policy plus an administrator's allow-list: each entry a host name, an IP address or a CIDR block.
     *
     * @throws IllegalArgumentException naming the entry and what is wrong with it
     */
    public static UrlPolicy allowing(List<String> entries) {
        Set<String> hosts = new TreeSet<>();
        List<AddressRange> ranges = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            String entry = entries.get(i) == null ? "" : entries.get(i).strip();
            if (entry.isEmpty()) {
                throw new IllegalArgumentException("allowList[" + i + "]: must not be empty");
            }
            if (entry.indexOf('/') >= 0 || entry.indexOf(':') >= 0 || Ipv4.looksNumeric(entry)) {
                try {
                    ranges.add(AddressRange.parse(entry));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("allowList[" + i + "]: " + e.getMessage(), e);
                }
            } else {
                hosts.add(entry);
            }
        }
        return new UrlPolicy(hosts, ranges);
    }

    /**
     * What can be refused from the URL alone, without a lookup: the scheme, user info, a host that is not a name or a
     * canonical address, a metadata name, and a literal address outside the allow-list. Configuration checks use it,
     * so that a URL refused at send is refused when written; a host name still passes, to be resolved at send.
     */
    public Optional<UrlDecision.Refused> checkLiteral(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return refuse(UrlDecision.Reason.SCHEME_NOT_ALLOWED, "scheme '" + scheme + "' (only http and https)");
        }
        if (uri.getRawUserInfo() != null) {
            return refuse(UrlDecision.Reason.USERINFO_NOT_ALLOWED, "user info in the URL");
        }
        String rawHost = uri.getHost();
        if (rawHost == null) {
            String authority = uri.getRawAuthority() == null ? "" : uri.getRawAuthority();
            return Ipv4.looksNumeric(authority.replaceFirst(":\\d*$", ""))
                    ? refuse(UrlDecision.Reason.NON_CANONICAL_ADDRESS, "'" + authority + "' is not dotted-decimal IPv4")
                    : refuse(UrlDecision.Reason.INVALID_HOST, "no valid host in '" + authority + "'");
        }
        String host = normalise(rawHost);
        Optional<InetAddress> literal = AddressRange.parseLiteral(host);
        if (literal.isEmpty() && (host.indexOf(':') >= 0 || host.startsWith("["))) {
            return refuse(UrlDecision.Reason.INVALID_HOST, "'" + host + "' is not a valid IPv6 address");
        }
        if (literal.isEmpty() && Ipv4.looksNumeric(host)) {
            return refuse(UrlDecision.Reason.NON_CANONICAL_ADDRESS, "'" + host + "' is not dotted-decimal IPv4");
        }
        if (METADATA_NAMES.contains(host)) {
            return refuse(UrlDecision.Reason.METADATA, "'" + host + "' is a cloud metadata service");
        }
        if (literal.isPresent()) {
            return refusal(literal.get(), allowedHosts.contains(host))
                    .map(reason -> new UrlDecision.Refused(reason, host + " is " + describe(reason)));
        }
        return Optional.empty();
    }

    /** Checks {@code uri}, resolving its host with {@code resolver}; every resolved address must pass. */
    public UrlDecision check(URI uri, HostResolver resolver) {
        Optional<UrlDecision.Refused> refused = checkLiteral(uri);
        if (refused.isPresent()) {
            return refused.get();
        }
        String host = normalise(uri.getHost());
        Optional<InetAddress> literal = AddressRange.parseLiteral(host);
        if (literal.isPresent()) {
            return new UrlDecision.Allowed(uri, List.of(literal.get()));
        }
        List<InetAddress> addresses;
        try {
            addresses = resolver.resolve(host);
        } catch (UnknownHostException e) {
            return new UrlDecision.Refused(UrlDecision.Reason.UNRESOLVED, "'" + host + "' did not resolve");
        }
        if (addresses.isEmpty()) {
            return new UrlDecision.Refused(UrlDecision.Reason.UNRESOLVED, "'" + host + "' resolved to no address");
        }
        boolean hostAllowed = allowedHosts.contains(host);
        for (InetAddress address : addresses) {
            Optional<UrlDecision.Reason> refusal = refusal(address, hostAllowed);
            if (refusal.isPresent()) {
                return new UrlDecision.Refused(refusal.get(),
                        host + " (" + address.getHostAddress() + ") is " + describe(refusal.get()));
            }
        }
        return new UrlDecision.Allowed(uri, addresses);
    }

    private Optional<UrlDecision.Reason> refusal(InetAddress address, boolean hostAllowed) {
        for (InetAddress candidate : withEmbeddedIpv4(address)) {
            if (METADATA_ADDRESSES.stream().anyMatch(range -> range.contains(candidate))) {
                return Optional.of(UrlDecision.Reason.METADATA);
            }
        }
        if (hostAllowed || allowedRanges.stream().anyMatch(range -> range.contains(address))) {
            return Optional.empty();
        }
        for (InetAddress candidate : withEmbeddedIpv4(address)) {
            for (Blocked blocked : BLOCKED) {
                if (blocked.range().contains(candidate)) {
                    return Optional.of(blocked.reason());
                }
            }
        }
        return Optional.empty();
    }

    /** The address and, for IPv6 forms that carry an IPv4 address (compatible, mapped, NAT64, 6to4), that one too. */
    private static List<InetAddress> withEmbeddedIpv4(InetAddress address) {
        if (!(address instanceof Inet6Address)) {
            return List.of(address);
        }
        byte[] bytes = address.getAddress();
        byte[] embedded = null;
        boolean firstTenZero = true;
        for (int i = 0; i < 10; i++) {
            firstTenZero &= bytes[i] == 0;
        }
        boolean mapped = firstTenZero && bytes[10] == (byte) 0xff && bytes[11] == (byte) 0xff;
        boolean compatible = firstTenZero && bytes[10] == 0 && bytes[11] == 0;
        if (mapped || compatible || NAT64.contains(address)) {
            embedded = Arrays.copyOfRange(bytes, 12, 16);
        } else if (SIX_TO_FOUR.contains(address)) {
            embedded = Arrays.copyOfRange(bytes, 2, 6);
        }
        if (embedded == null) {
            return List.of(address);
        }
        try {
            return List.of(address, Inet4Address.getByAddress(embedded));
        } catch (UnknownHostException e) {
            throw new IllegalStateException("four bytes are always a valid IPv4 address", e);
        }
    }

    private static String describe(UrlDecision.Reason reason) {
        if (reason == UrlDecision.Reason.METADATA) {
            return "a cloud metadata address, which no allow-list entry opens";
        }
        return reason.name().toLowerCase(Locale.ROOT).replace('_', ' ') + " and not in the allow-list";
    }

    private static String normalise(String host) {
        String lower = host.toLowerCase(Locale.ROOT);
        if (lower.startsWith("[") && lower.endsWith("]")) {
            return lower.substring(1, lower.length() - 1);
        }
        return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
    }

    private static Optional<UrlDecision.Refused> refuse(UrlDecision.Reason reason, String detail) {
        return Optional.of(new UrlDecision.Refused(reason, detail));
    }

    private record Blocked(AddressRange range, UrlDecision.Reason reason) {
        Blocked(String cidr, UrlDecision.Reason reason) {
            this(AddressRange.parse(cidr), reason);
        }
    }
}
