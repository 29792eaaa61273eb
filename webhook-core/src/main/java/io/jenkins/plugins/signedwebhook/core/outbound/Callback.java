package io.jenkins.plugins.signedwebhook.core.outbound;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Objects;
import java.util.random.RandomGenerator;
import java.util.regex.Pattern;

/**
 * One callback message. Its {@code id} is the {@code webhook-id} of every attempt, so receivers can de-duplicate;
 * its {@code timestamp} is when the message was created, in whole seconds (RFC 3339, UTC).
 * The JSON field names are an API, documented in {@code docs/callbacks.md} and {@code docs/callback.schema.json}.
 */
public record Callback(String type, String id, Instant timestamp, CallbackData data) {
    public static final String DEFAULT_TYPE = "deploy.finished";
    /** Ids are also file names in the outbox, so their alphabet is restricted. */
    public static final Pattern ID_PATTERN = Pattern.compile("msg_[A-Za-z0-9_-]{1,96}");
    private static final Pattern TYPE_PATTERN = Pattern.compile("[A-Za-z0-9_.-]{1,100}");
    private static final String ID_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final int ID_RANDOM_CHARS = 24;

    public Callback {
        Objects.requireNonNull(type, "type");
        if (!isValidType(type)) {
            throw new IllegalArgumentException("type: must be 1 to 100 of A-Z a-z 0-9 _ . -, was '" + type + "'");
        }
        requireId(id);
        timestamp = Objects.requireNonNull(timestamp, "timestamp").truncatedTo(ChronoUnit.SECONDS);
        Objects.requireNonNull(data, "data");
    }

    /** 1 to 100 of {@code A-Z a-z 0-9 _ . -}, as in {@code deploy.finished}: what a message's {@code type} may be. */
    public static boolean isValidType(String type) {
        return type != null && TYPE_PATTERN.matcher(type).matches();
    }

    /** A new message of {@code type} with a fresh id and the clock's time. */
    public static Callback create(String type, CallbackData data, Clock clock, RandomGenerator random) {
        return new Callback(type, newId(random), clock.instant(), data);
    }

    /** A new {@code deploy.finished} message. */
    public static Callback deployFinished(CallbackData data, Clock clock, RandomGenerator random) {
        return create(DEFAULT_TYPE, data, clock, random);
    }

    /** {@code msg_} and 24 random letters and digits (about 143 bits). */
    public static String newId(RandomGenerator random) {
        StringBuilder id = new StringBuilder("msg_");
        for (int i = 0; i < ID_RANDOM_CHARS; i++) {
            id.append(ID_ALPHABET.charAt(random.nextInt(ID_ALPHABET.length())));
        }
        return id.toString();
    }

    static void requireId(String id) {
        Objects.requireNonNull(id, "id");
        if (!ID_PATTERN.matcher(id).matches()) {
            throw new IllegalArgumentException("id: must be msg_ followed by 1 to 96 of A-Z a-z 0-9 _ -");
        }
    }

    /** The UTF-8 JSON body, compact, fields in the documented order; absent optional values are left out. */
    public byte[] toJson() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        try (JsonGenerator json = new JsonFactory().createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("type", type);
            json.writeStringField("id", id);
            json.writeStringField("timestamp", DateTimeFormatter.ISO_INSTANT.format(timestamp));
            json.writeObjectFieldStart("data");
            json.writeStringField("job", data.job());
            writeIfPresent(json, "build", data.build());
            writeIfPresent(json, "url", data.url());
            json.writeStringField("status", data.status());
            writeIfPresent(json, "duration_ms", data.durationMs());
            writeIfPresent(json, "repository", data.repository());
            writeIfPresent(json, "ref", data.ref());
            writeIfPresent(json, "commit", data.commit());
            writeIfPresent(json, "delivery", data.delivery());
            json.writeObjectFieldStart("fields");
            for (Map.Entry<String, String> field : data.fields().entrySet()) {
                json.writeStringField(field.getKey(), field.getValue());
            }
            json.writeEndObject();
            json.writeEndObject();
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("writing callback JSON to memory", e);
        }
        return out.toByteArray();
    }

    private static void writeIfPresent(JsonGenerator json, String name, String value) throws IOException {
        if (value != null) {
            json.writeStringField(name, value);
        }
    }

    private static void writeIfPresent(JsonGenerator json, String name, Long value) throws IOException {
        if (value != null) {
            json.writeNumberField(name, value);
        }
    }
}
