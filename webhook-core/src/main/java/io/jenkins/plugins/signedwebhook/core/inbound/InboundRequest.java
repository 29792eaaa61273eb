package io.jenkins.plugins.signedwebhook.core.inbound;

import java.io.InputStream;

/**
 * One HTTP request as an adapter (servlet, Jetty) hands it to the engine: the method, the headers GitHub sends, and
 * the body as an unread stream with its declared length (-1 when chunked).
 */
public record InboundRequest(
        String method,
        String contentType,
        String event,
        String deliveryId,
        String signature256,
        String signatureSha1,
        long declaredLength,
        InputStream body) {

    public static final String EVENT_HEADER = "X-GitHub-Event";
    public static final String DELIVERY_HEADER = "X-GitHub-Delivery";
    public static final String SIGNATURE_256_HEADER = "X-Hub-Signature-256";
    public static final String SIGNATURE_SHA1_HEADER = "X-Hub-Signature";

    /** Builds a request from any header lookup, such as {@code HttpServletRequest::getHeader}. */
    public static InboundRequest from(
            String method, java.util.function.UnaryOperator<String> header, long declaredLength, InputStream body) {
        return new InboundRequest(method, header.apply("Content-Type"), header.apply(EVENT_HEADER),
                header.apply(DELIVERY_HEADER), header.apply(SIGNATURE_256_HEADER), header.apply(SIGNATURE_SHA1_HEADER),
                declaredLength, body);
    }
}
