package io.jenkins.plugins.signedwebhook;

import io.jenkins.plugins.signedwebhook.core.inbound.Answer;
import io.jenkins.plugins.signedwebhook.core.inbound.InboundRequest;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Translates between the servlet API and the engine: nothing is decided here. */
final class HttpExchange {
    /** RFC 7239's header, which Jetty's ForwardedRequestCustomizer reads for the peer too. */
    private static final String FORWARDED_HEADER = "Forwarded";

    private HttpExchange() {}

    /**
     * The connection's peer when it is within reach ({@link SocketPeer}); else {@code getRemoteAddr()}, which Winstone
     * has made the client's own left-most forwarding entry when the request carries one: the engine is told so, and
     * counts such requests by what the trusted proxies say, or as one client.
     */
    static InboundRequest toInbound(HttpServletRequest request) throws IOException {
        Optional<String> socketPeer = SocketPeer.of(request);
        boolean forwarded = request.getHeader(InboundRequest.FORWARDED_FOR_HEADER) != null
                || request.getHeader(FORWARDED_HEADER) != null;
        // A container that knows no peer: one shared client for the rate limit, not an unlimited one.
        String peer = socketPeer.orElseGet(() -> Objects.requireNonNullElse(request.getRemoteAddr(), ""));
        return InboundRequest.from(request.getMethod(), name -> values(request, name), request.getContentLengthLong(),
                request.getInputStream(), peer, socketPeer.isEmpty() && forwarded);
    }

    /** Every line of the header, so that the engine sees a header given twice; null when the container hides them. */
    private static List<String> values(HttpServletRequest request, String name) {
        Enumeration<String> values = request.getHeaders(name);
        return values == null ? null : Collections.list(values);
    }

    static void write(Answer answer, HttpServletResponse response) throws IOException {
        byte[] body = answer.body();
        response.setStatus(answer.status());
        answer.headers().forEach(response::setHeader);
        response.setContentType(Answer.CONTENT_TYPE);
        response.setContentLength(body.length);
        try (OutputStream out = response.getOutputStream()) {
            out.write(body);
        }
    }
}
