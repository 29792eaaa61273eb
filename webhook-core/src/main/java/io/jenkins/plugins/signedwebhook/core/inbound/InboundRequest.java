package io.jenkins.plugins.signedwebhook.core.inbound;

import java.io.InputStream;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * One HTTP request as an adapter (servlet, Jetty) hands it to the engine: the method, every value of each header the
 * engine reads (so that it, not the adapter, decides what a header given twice means), the body as an unread
 * stream with its declared length (-1 when chunked), and the address of the peer that sent it.
 *
 * @param headers the values of each of {@link #HEADERS}, one per header line, by name in any case
 * @param remoteAddress the connection's peer as the server sees it (an IP literal); null when unknown
 */
public record InboundRequest(String method, Map<String, List<String>> headers, long declaredLength, InputStream body,
        String remoteAddress) {

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

    public InboundRequest {
        TreeMap<String, List<String>> byName = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((name, values) -> {
            if (!values.isEmpty()) {
                byName.merge(name, List.copyOf(values), InboundRequest::concat);
            }
        });
        headers = Collections.unmodifiableMap(byName);
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
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (String name : HEADERS) {
            List<String> values = allValues.apply(name);
            if (values != null) {
                headers.put(name, values);
            }
        }
        return new InboundRequest(method, headers, declaredLength, body, remoteAddress);
    }

    /** Every value of the header, in the order sent; empty when absent. */
    public List<String> values(String name) {
        return headers.getOrDefault(name, List.of());
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

    private static List<String> concat(List<String> a, List<String> b) {
        return Stream.concat(a.stream(), b.stream()).toList();
    }
}
