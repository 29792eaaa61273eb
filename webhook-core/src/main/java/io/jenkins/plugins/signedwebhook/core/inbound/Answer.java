package io.jenkins.plugins.signedwebhook.core.inbound;

import com.fasterxml.jackson.core.JsonGenerator;
import io.jenkins.plugins.signedwebhook.core.event.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** The HTTP answer to a delivery and the record kept of it. The body is always JSON. */
public record Answer(Verdict verdict, String deliveryId, DeliveryRecord record) {

    public static final String CONTENT_TYPE = "application/json;charset=utf-8";

    public int status() {
        return verdict.status();
    }

    /** Extra response headers: {@code Allow} on 405, {@code Retry-After} on 503. */
    public Map<String, String> headers() {
        return verdict.headers();
    }

    public byte[] body() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator json = Json.FACTORY.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("result", verdict.result());
            json.writeStringField("message", verdict.message());
            if (deliveryId != null) {
                json.writeStringField("delivery", deliveryId);
            }
            verdict.writeDetails(json);
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("writing JSON to memory cannot fail", e);
        }
        return out.toByteArray();
    }

    public String bodyText() {
        return new String(body(), StandardCharsets.UTF_8);
    }
}
