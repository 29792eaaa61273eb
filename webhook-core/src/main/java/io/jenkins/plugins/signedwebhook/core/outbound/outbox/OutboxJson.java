package io.jenkins.plugins.signedwebhook.core.outbound.outbox;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.jenkins.plugins.signedwebhook.core.outbound.DeliveryLimits;
import io.jenkins.plugins.signedwebhook.core.outbound.OutboundMessage;
import io.jenkins.plugins.signedwebhook.core.outbound.StopReason;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The JSON of one outbox file; the secret is not a field, only its reference. {@code max_attempts} and
 * {@code attempt_timeout_ms} are optional, so files written before they existed load with the dispatcher's
 * settings, and the version stays 1, so an older reader still loads (and ignores) them.
 */
final class OutboxJson {
    static final int VERSION = 1;

    private OutboxJson() {}

    static byte[] write(OutboxRecord record, Optional<StopReason> stopReason) throws IOException {
        OutboundMessage message = record.message();
        ByteArrayOutputStream out = new ByteArrayOutputStream(message.body().length() + 512);
        try (JsonGenerator json = new JsonFactory().createGenerator(out)) {
            json.useDefaultPrettyPrinter();
            json.writeStartObject();
            json.writeNumberField("version", VERSION);
            json.writeStringField("id", message.id());
            json.writeStringField("target", message.target().toString());
            if (message.secretReference() != null) {
                json.writeStringField("secret_reference", message.secretReference());
            }
            json.writeStringField("created_at", message.createdAt().toString());
            DeliveryLimits limits = message.limits();
            if (limits.maxAttempts().isPresent()) {
                json.writeNumberField("max_attempts", limits.maxAttempts().getAsInt());
            }
            if (limits.attemptTimeout().isPresent()) {
                json.writeNumberField("attempt_timeout_ms", limits.attemptTimeout().get().toMillis());
            }
            json.writeNumberField("attempts", record.attempts());
            json.writeStringField("next_attempt_at", record.nextAttemptAt().toString());
            if (record.lastError().isPresent()) {
                json.writeStringField("last_error", record.lastError().get());
            }
            if (stopReason.isPresent()) {
                json.writeStringField("stop_reason", stopReason.get().name());
            }
            json.writeStringField("body", message.body());
            json.writeEndObject();
        }
        return out.toByteArray();
    }

    /** A parsed file: the record and, for dead letters, why delivery stopped. */
    record Entry(OutboxRecord record, Optional<StopReason> stopReason) {}

    /**
     * @throws IOException if the bytes are not the JSON this class writes
     * @throws IllegalArgumentException (or another runtime exception) if a value is invalid
     */
    static Entry read(byte[] bytes) throws IOException {
        Map<String, Object> fields = flatObject(bytes);
        if (!Long.valueOf(VERSION).equals(fields.get("version"))) {
            throw new IOException("unknown version " + fields.get("version"));
        }
        OutboundMessage message = new OutboundMessage(
                string(fields, "id"),
                URI.create(string(fields, "target")),
                string(fields, "body"),
                optionalString(fields, "secret_reference").orElse(null),
                Instant.parse(string(fields, "created_at")),
                DeliveryLimits.of(
                        optionalInt(fields, "max_attempts"),
                        fields.containsKey("attempt_timeout_ms")
                                ? Duration.ofMillis(number(fields, "attempt_timeout_ms"))
                                : null));
        OutboxRecord record = new OutboxRecord(
                message,
                requiredInt(fields, "attempts"),
                Instant.parse(string(fields, "next_attempt_at")),
                optionalString(fields, "last_error"));
        return new Entry(record, optionalString(fields, "stop_reason").map(StopReason::valueOf));
    }

    /** One JSON object of string and integer fields (integers as Long), as this package's files hold; nothing else. */
    static Map<String, Object> flatObject(byte[] bytes) throws IOException {
        Map<String, Object> fields = new HashMap<>();
        try (JsonParser parser = new JsonFactory().createParser(bytes)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("not a JSON object");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if (value == JsonToken.VALUE_NUMBER_INT) {
                    fields.put(name, parser.getLongValue());
                } else if (value == JsonToken.VALUE_STRING) {
                    fields.put(name, parser.getText());
                } else {
                    throw new IOException("field " + name + " is neither a string nor an integer");
                }
            }
            if (parser.currentToken() != JsonToken.END_OBJECT || parser.nextToken() != null) {
                throw new IOException("trailing content after the object");
            }
        }
        return fields;
    }

    static int requiredInt(Map<String, Object> fields, String name) throws IOException {
        Integer value = optionalInt(fields, name);
        if (value == null) {
            throw new IOException(name + " is missing or not an int");
        }
        return value;
    }

    /** The int field {@code name}, or null when absent. */
    static Integer optionalInt(Map<String, Object> fields, String name) throws IOException {
        if (!fields.containsKey(name)) {
            return null;
        }
        long value = number(fields, name);
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            throw new IOException(name + " is not an int");
        }
        return (int) value;
    }

    private static long number(Map<String, Object> fields, String name) throws IOException {
        if (!(fields.get(name) instanceof Long value)) {
            throw new IOException(name + " is missing or not an integer");
        }
        return value;
    }

    static String string(Map<String, Object> fields, String name) throws IOException {
        return optionalString(fields, name).orElseThrow(() -> new IOException(name + " is missing or not a string"));
    }

    static Optional<String> optionalString(Map<String, Object> fields, String name) {
        Object value = fields.get(name);
        return value instanceof String ? Optional.of((String) value) : Optional.empty();
    }
}
