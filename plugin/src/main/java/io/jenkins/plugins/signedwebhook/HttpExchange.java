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

/** Translates between the servlet API and the engine: nothing is decided here. */
final class HttpExchange {
    private HttpExchange() {}

    static InboundRequest toInbound(HttpServletRequest request) throws IOException {
        // The peer as Jenkins' web server sees it; a proxy's X-Forwarded-For is the engine's to trust or not.
        return InboundRequest.from(request.getMethod(), name -> values(request, name), request.getContentLengthLong(),
                request.getInputStream(), request.getRemoteAddr());
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
