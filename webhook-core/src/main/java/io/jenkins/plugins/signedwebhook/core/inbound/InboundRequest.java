package io.jenkins.plugins.signedwebhook.core.inbound;

import java.io.InputStream;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * One HTTP request as an adapter (servlet, Jetty) hands it to the engine: the method, every value of each header the
 * engine reads (so that it, not the adapter, decides what a header given twice means), the body as an unread
 * stream with its declared length (-1 when chunked), and the address of the peer that sent it.
 *
 * @param headers the values of each of {@link #HEADERS}, one per header line, by name in any case (held by its
 *     lower-case name)
 * @param remoteAddress the connection's peer as the server sees it (an IP literal); null when unknown
 * @param peerReplaced the server put an {@code X-Forwarded-For} entry (or a {@code Forwarded} one) in the peer's
 *     place and the adapter could not reach the real one, as behind Jetty's {@code ForwardedRequestCustomizer}:
 *     {@code remoteAddress} is then the client's word, and the rate limit does not count it
 */
public record InboundRequest(String method, Map<String, List<String>> headers, long declaredLength, InputStream body,
        String remoteAddress, boolean peerReplaced) {

    public static final String CONTENT_TYPE_HEADER = "Content-Type";
    public static final String CONTENT_ENCODING_HEADER = "Content-Encoding";
    public static final String EVENT_HEADER = "X-GitHub-Event";
    public static final String DELIVERY_HEADER = "X-GitHub-Delivery";
    public static final String SIGNATURE_256_HEADER = "X-Hub-Signature-256";
    public static final String SIGNATURE_SHA1_HEADER = "X-Hub-Signature";
    /** Read only when the peer is a trusted proxy. */
    public static final String FORWARDED_FOR_HEADER = "X-Forwarded-For";

    /** The headers the engine reads, every forge's and the proxies'; an adapter passes these and no others. */
    public static final List<String> HEADERS = Stream.concat(Stream.of(CONTENT_TYPE_HEADER, CONTENT_ENCODING_HEADER,
            FORWARDED_FOR_HEADER), ForgeDialect.allHeaders().stream()).distinct().toList();

    /** Each of {@link #HEADERS} by its lower-case name: the engine's lookups by constant then make no string. */
    private static final Map<String, String> LOWER_CASE = HEADERS.stream()
            .collect(Collectors.toUnmodifiableMap(name -> name, InboundRequest::lowerCase));
    private static final Set<String> READ = Set.copyOf(LOWER_CASE.values());

    public InboundRequest {
        Map<String, List<String>> byName = new HashMap<>(headers.size() * 2);
        headers.forEach((name, values) -> {
            if (!values.isEmpty()) {
                byName.merge(lowerCase(name), List.copyOf(values), InboundRequest::concat);
            }
        });
        headers = Collections.unmodifiableMap(byName);
    }

    /** A request from the connection's peer {@code remoteAddress}. */
    public InboundRequest(String method, Map<String, List<String>> headers, long declaredLength, InputStream body,
            String remoteAddress) {
        this(method, headers, declaredLength, body, remoteAddress, false);
    }

    /** A request whose peer is not known: no rate limit applies to it. */
    public InboundRequest(String method, Map<String, List<String>> headers, long declaredLength, InputStream body) {
        this(method, headers, declaredLength, body, null);
    }

    /**
     * Builds a request from a lookup of all the values of a header, such as
     * {@code name -> Collections.list(servletRequest.getHeaders(name))}; the lookup may answer null for none.
     */
    public static InboundRequest from(
            String method, Function<String, List<String>> allValues, long declaredLength, InputStream body) {
        return from(method, allValues, declaredLength, body, null);
    }

    /** As {@link #from(String, Function, long, InputStream)}, from the peer {@code remoteAddress}. */
    public static InboundRequest from(String method, Function<String, List<String>> allValues, long declaredLength,
            InputStream body, String remoteAddress) {
        return from(method, allValues, declaredLength, body, remoteAddress, false);
    }

    /** As {@link #from(String, Function, long, InputStream, String)}; see {@link #peerReplaced()}. */
    public static InboundRequest from(String method, Function<String, List<String>> allValues, long declaredLength,
            InputStream body, String remoteAddress, boolean peerReplaced) {
        Map<String, List<String>> headers = new HashMap<>();
        for (String name : HEADERS) {
            List<String> values = allValues.apply(name);
            if (values != null) {
                headers.put(name, values);
            }
        }
        return new InboundRequest(method, headers, declaredLength, body, remoteAddress, peerReplaced);
    }

    /** Whether the engine reads the header {@code name} (in any case): an adapter may pass only these. */
    public static boolean reads(String name) {
        // The first look-up spares a canonically spelled name its lower-case copy.
        return LOWER_CASE.containsKey(name) || READ.contains(lowerCase(name));
    }

    /** Every value of the header, in the order sent; empty when absent. */
    public List<String> values(String name) {
        String key = LOWER_CASE.get(name);
        return headers.getOrDefault(key != null ? key : lowerCase(name), List.of());
    }

    /** The first value of the header, or null when absent. */
    public String first(String name) {
        List<String> values = values(name);
        return values.isEmpty() ? null : values.get(0);
    }

    public String contentType() {
        return first(CONTENT_TYPE_HEADER);
    }

    public String event() {
        return first(EVENT_HEADER);
    }

    public String deliveryId() {
        return first(DELIVERY_HEADER);
    }

    public String signature256() {
        return first(SIGNATURE_256_HEADER);
    }

    public String signatureSha1() {
        return first(SIGNATURE_SHA1_HEADER);
    }

    private static String lowerCase(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return Stream.concat(a.stream(), b.stream()).toList();
    }
}
