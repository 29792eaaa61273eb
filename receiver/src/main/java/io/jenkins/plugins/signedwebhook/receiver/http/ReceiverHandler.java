package io.jenkins.plugins.signedwebhook.receiver.http;

import io.jenkins.plugins.signedwebhook.core.inbound.Answer;
import io.jenkins.plugins.signedwebhook.core.inbound.InboundRequest;
import io.jenkins.plugins.signedwebhook.core.inbound.Verdict;
import io.jenkins.plugins.signedwebhook.core.inbound.WebhookEngine;
import io.jenkins.plugins.signedwebhook.receiver.config.ReceiverConfig;
import io.jenkins.plugins.signedwebhook.receiver.metrics.Metrics;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.logging.Logger;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Routes {@code /hooks/{id}} to that hook's engine (passing the declared length and the body, so the core refuses an
 * oversized body before buffering it), and serves {@code /healthz} and {@code /metrics}. A body is read as it arrives,
 * holding no thread while bytes are awaited, and only a whole body (or one past the limit) takes a thread to the engine.
 */
public final class ReceiverHandler extends Handler.Abstract {
    private static final Logger LOGGER = Logger.getLogger(ReceiverHandler.class.getName());
    private static final String HOOKS = "/hooks/";
    private static final int RETRY_AFTER_SECONDS = 10;
    private final Map<String, WebhookEngine> engines;
    private final Metrics metrics;
    private final BiConsumer<String, Answer> answered;
    private final StoreHealth health;
    private final long maxBodyBytes;
    private final ReceiverConfig.Connections limits;
    private final BodyBudget budget;
    private final HeaderDeadline headerDeadline;

    /**
     * @param maxBodyBytes the engines' body limit: no more than one byte past it is kept
     * @param budget the bytes all bodies being read may hold together
     * @param headerDeadline told when each request starts and ends being handled
     * @param answered told of every answer of a known hook, after it is decided and before it is sent
     */
    public ReceiverHandler(Map<String, WebhookEngine> engines, Metrics metrics, StoreHealth health, long maxBodyBytes,
            ReceiverConfig.Connections limits, BodyBudget budget, HeaderDeadline headerDeadline,
            BiConsumer<String, Answer> answered) {
        this.health = health;
        this.engines = Map.copyOf(engines);
        this.metrics = metrics;
        this.maxBodyBytes = maxBodyBytes;
        this.limits = limits;
        this.budget = budget;
        this.headerDeadline = headerDeadline;
        this.answered = answered;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        Connection connection = request.getConnectionMetaData().getConnection();
        headerDeadline.handling(connection);
        // On every end of the request (answered, failed, connection lost), whichever thread it ends on.
        Request.addCompletionListener(request, failure -> headerDeadline.handled(connection));
        String path = Request.getPathInContext(request);
        if (path.equals("/healthz")) {
            Optional<String> problem = health.problem();
            send(response, callback, problem.isEmpty() ? 200 : 503, "application/json;charset=utf-8", problem.isEmpty()
                    ? "{\"result\":\"ok\",\"status\":\"ok\"}"
                    : "{\"result\":\"unavailable\",\"status\":\"unavailable\",\"reason\":\"" + problem.get() + "\"}");
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
        if (request.getLength() > maxBodyBytes) {
            // Refused on its declared length alone; not a byte of it is read.
            answer(id, engine, request, InputStream.nullInputStream(), response, callback);
            return true;
        }
        BodyReader reader = new BodyReader(request, (int) maxBodyBytes + 1, limits.headerTimeout(),
                limits.minBodyRate(), budget, body -> answer(id, engine, request, body, response, callback),
                slow -> cutOff(id, request, slow, callback), () -> full(id, request, response, callback));
        Request.addCompletionListener(request, failure -> reader.release());
        reader.run();
        return true;
    }

    /** The bodies being read hold the whole budget: this one is refused, unread, and its connection closed. */
    private void full(String id, Request request, Response response, Callback callback) {
        metrics.connectionClosed("body_budget");
        LOGGER.warning(() -> "hook " + id + ": answered 503 to " + Request.getRemoteAddr(request) + ":"
                + Request.getRemotePort(request) + " and closed its connection: the bodies being read hold "
                + budget.held() + " bytes, the most they may (maxBufferedBytes)");
        response.getHeaders().put(HttpHeader.RETRY_AFTER, String.valueOf(RETRY_AFTER_SECONDS));
        response.getHeaders().put(HttpHeader.CONNECTION, "close");
        send(response, callback, 503, Answer.CONTENT_TYPE, "{\"result\":\"unavailable\",\"message\":\"the receiver"
                + " is reading as many request bodies as it may hold; send it again later\"}");
    }

    /** On whichever thread completed the body: the handler's, or one Jetty called back on when the last bytes came. */
    private void answer(String id, WebhookEngine engine, Request request, InputStream body, Response response,
            Callback callback) {
        Answer answer;
        try {
            answer = engine.handle(new InboundRequest(request.getMethod(), readHeaders(request), request.getLength(), body,
                    Request.getRemoteAddr(request)));
            answered.accept(id, answer);
            answer.headers().forEach(response.getHeaders()::put);
            if (answer.status() == 413) {
                // The rest of an oversized body is not read; the connection cannot be reused.
                response.getHeaders().put(HttpHeader.CONNECTION, "close");
            }
        } catch (RuntimeException | Error e) {
            // Off the handler's thread Jetty would not see it: the request is failed here, not left hanging.
            callback.failed(e);
            return;
        }
        send(response, callback, answer.status(), Answer.CONTENT_TYPE, answer.body());
    }

    /** The header lines the engine reads, in one pass over the request's (a lookup of each name it may read is 25). */
    private static Map<String, List<String>> readHeaders(Request request) {
        Map<String, List<String>> read = new HashMap<>();
        for (HttpField field : request.getHeaders()) {
            String name = field.getLowerCaseName();
            if (InboundRequest.reads(name)) {
                read.computeIfAbsent(name, n -> new ArrayList<>(1)).add(field.getValue());
            }
        }
        return read;
    }

    /** Jetty answers 408 and, as the rest of the body is unread, closes the connection. */
    private void cutOff(String id, Request request, String why, Callback callback) {
        metrics.connectionClosed("slow_body");
        LOGGER.info(() -> "hook " + id + ": closed the connection from " + Request.getRemoteAddr(request) + ":"
                + Request.getRemotePort(request) + ": body " + why + " (minBodyRate)");
        callback.failed(new HttpException.RuntimeException(HttpStatus.REQUEST_TIMEOUT_408,
                "the body arrived slower than " + limits.minBodyRate() + " bytes a second"));
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
