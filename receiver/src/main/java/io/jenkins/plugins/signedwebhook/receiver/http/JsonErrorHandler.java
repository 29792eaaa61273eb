package io.jenkins.plugins.signedwebhook.receiver.http;

import com.fasterxml.jackson.core.JsonGenerator;
import io.jenkins.plugins.signedwebhook.core.event.Json;
import io.jenkins.plugins.signedwebhook.core.inbound.Answer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Locale;
import java.util.logging.Logger;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's own answers (no route, a request line or headers it cannot parse, a handler that failed) in the shape of
 * the engine's: JSON with a {@code result} word and a {@code message}, for every method, never an HTML page. The
 * message is fixed per status, so nothing of the request (nor of an exception) is echoed.
 */
public final class JsonErrorHandler implements Request.Handler {
    private static final Logger LOGGER = Logger.getLogger(JsonErrorHandler.class.getName());

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        int status = response.getStatus();
        if (request.getAttribute(ErrorHandler.ERROR_EXCEPTION) instanceof HttpException refused) {
            status = refused.getCode();
            response.setStatus(status);
        }
        String result = result(status);
        int logged = status;
        LOGGER.info(() -> "request refused by the server: status=" + logged + " result=" + result);
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        if (HttpStatus.hasNoBody(status)) {
            callback.succeeded();
            return true;
        }
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, Answer.CONTENT_TYPE);
        response.write(true, ByteBuffer.wrap(body(result, message(status))), callback);
        return true;
    }

    /** The stable word of docs/receiver.md for the statuses the server gives itself; others are named after Jetty's reason. */
    static String result(int status) {
        return switch (status) {
            case 400 -> "bad_request";
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 413 -> "too_large";
            case 414 -> "uri_too_long";
            case 431 -> "headers_too_large";
            case 500 -> "internal_error";
            case 503 -> "unavailable";
            default -> HttpStatus.getMessage(status).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_");
        };
    }

    private static String message(int status) {
        return switch (status) {
            case 400 -> "the request is not well-formed HTTP";
            case 404 -> "nothing is served at this path; deliveries are posted to /hooks/{hook id}";
            case 405 -> "this method is not accepted at this path";
            case 413 -> "the request is larger than the server accepts";
            case 414 -> "the request line is longer than the server accepts";
            case 431 -> "the request headers are larger than the server accepts; GitHub's are far smaller";
            case 500 -> "the server failed while handling the request; its log says why";
            default -> "the server refused the request: " + status + " " + HttpStatus.getMessage(status);
        };
    }

    private static byte[] body(String result, String message) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(128);
        try (JsonGenerator json = Json.FACTORY.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("result", result);
            json.writeStringField("message", message);
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("writing JSON to memory cannot fail", e);
        }
        return out.toByteArray();
    }
}
