package io.jenkins.plugins.signedwebhook;

import io.jenkins.plugins.signedwebhook.core.inbound.Answer;
import io.jenkins.plugins.signedwebhook.core.inbound.InboundRequest;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;

/** Translates between the servlet API and the engine: nothing is decided here. */
final class HttpExchange {
    private HttpExchange() {}

    static InboundRequest toInbound(HttpServletRequest request) throws IOException {
        return InboundRequest.from(request.getMethod(), request::getHeader, request.getContentLengthLong(), request.getInputStream());
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
