package io.jenkins.plugins.signedwebhook.receiver.http;

import io.jenkins.plugins.signedwebhook.core.inbound.Answer;
import io.jenkins.plugins.signedwebhook.core.inbound.InboundRequest;
import io.jenkins.plugins.signedwebhook.core.inbound.Verdict;
import io.jenkins.plugins.signedwebhook.core.inbound.WebhookEngine;
import io.jenkins.plugins.signedwebhook.receiver.Metrics;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Routes {@code /hooks/{id}} to that hook's engine (passing the declared length and the unread body, so the core
 * refuses an oversized body before buffering it), and serves {@code /healthz} and {@code /metrics}.
 */
public final class ReceiverHandler extends Handler.Abstract {
    private static final String HOOKS = "/hooks/";
    private final Map<String, WebhookEngine> engines;
    private final Metrics metrics;
    private final BiConsumer<String, Answer> answered;
    private final StoreHealth health;

    /** @param answered told of every answer of a known hook, after it is decided and before it is sent */
    public ReceiverHandler(Map<String, WebhookEngine> engines, Metrics metrics, StoreHealth health,
            BiConsumer<String, Answer> answered) {
        this.health = health;
        this.engines = Map.copyOf(engines);
        this.metrics = metrics;
        this.answered = answered;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String path = Request.getPathInContext(request);
        if (path.equals("/healthz")) {
            Optional<String> problem = health.problem();
            send(response, callback, problem.isEmpty() ? 200 : 503, "application/json;charset=utf-8", problem.isEmpty()
                    ? "{\"status\":\"ok\"}" : "{\"status\":\"unavailable\",\"reason\":\"" + problem.get() + "\"}");
            return true;
        }
        if (path.equals("/metrics")) {
            send(response, callback, 200, Metrics.CONTENT_TYPE, metrics.render());
            return true;
        }
        if (!path.startsWith(HOOKS)) {
            return false;
        }
        String id = path.substring(HOOKS.length());
        WebhookEngine engine = engines.get(id);
        if (engine == null) {
            Answer unknown = new Answer(new Verdict.NoSubscription(null), null, null);
            send(response, callback, unknown.status(), Answer.CONTENT_TYPE, unknown.body());
            return true;
        }
        Answer answer;
        try (InputStream body = Content.Source.asInputStream(request)) {
            answer = engine.handle(InboundRequest.from(request.getMethod(), request.getHeaders()::getValuesList,
                    request.getLength(), body));
        }
        answered.accept(id, answer);
        answer.headers().forEach(response.getHeaders()::put);
        if (answer.status() == 413) {
            // The rest of an oversized body is not read; the connection cannot be reused.
            response.getHeaders().put(HttpHeader.CONNECTION, "close");
        }
        send(response, callback, answer.status(), Answer.CONTENT_TYPE, answer.body());
        return true;
    }

    private static void send(Response response, Callback callback, int status, String type, String text) {
        send(response, callback, status, type, text.getBytes(StandardCharsets.UTF_8));
    }

    private static void send(Response response, Callback callback, int status, String type, byte[] body) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, type);
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        response.write(true, ByteBuffer.wrap(body), callback);
    }
}
