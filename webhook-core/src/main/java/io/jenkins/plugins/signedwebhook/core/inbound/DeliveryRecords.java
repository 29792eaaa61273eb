package io.jenkins.plugins.signedwebhook.core.inbound;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.jenkins.plugins.signedwebhook.core.event.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/** Delivery records as JSON, so an adapter can keep its delivery log across restarts. */
public final class DeliveryRecords {
    private DeliveryRecords() {}

    public static void write(List<DeliveryRecord> records, OutputStream out) throws IOException {
        try (JsonGenerator json = Json.FACTORY.createGenerator(out)) {
            json.writeStartArray();
            for (DeliveryRecord r : records) {
                json.writeStartObject();
                json.writeStringField("received_at", r.receivedAt().toString());
                writeOptional(json, "delivery", r.deliveryId());
                writeOptional(json, "event", r.event());
                writeOptional(json, "repository", r.repository());
                writeOptional(json, "ref", r.ref());
                json.writeStringField("result", r.result());
                json.writeNumberField("status", r.status());
                json.writeArrayFieldStart("started");
                for (String s : r.started()) {
                    json.writeString(s);
                }
                json.writeEndArray();
                writeOptional(json, "reason", r.reason());
                json.writeArrayFieldStart("notes");
                for (DeliveryRecord.Note n : r.notes()) {
                    json.writeStartObject();
                    json.writeStringField("subscription", n.subscription());
                    json.writeStringField("outcome", n.outcome());
                    json.writeEndObject();
                }
                json.writeEndArray();
                json.writeEndObject();
            }
            json.writeEndArray();
        }
    }

    /** Reads records written by {@link #write}; a file that is not such a list is an {@link IOException}. */
    public static List<DeliveryRecord> read(InputStream in) throws IOException {
        List<DeliveryRecord> records = new ArrayList<>();
        try (JsonParser p = Json.FACTORY.createParser(in)) {
            if (p.nextToken() != JsonToken.START_ARRAY) {
                throw new IOException("not a list of delivery records");
            }
            while (p.nextToken() == JsonToken.START_OBJECT) {
                records.add(readOne(p));
            }
        } catch (DateTimeParseException | IllegalArgumentException e) {
            throw new IOException("a delivery record is malformed", e);
        }
        return records;
    }

    private static DeliveryRecord readOne(JsonParser p) throws IOException {
        Instant at = null;
        String delivery = null;
        String event = null;
        String repository = null;
        String ref = null;
        String result = null;
        int status = 0;
        String reason = null;
        List<String> started = new ArrayList<>();
        List<DeliveryRecord.Note> notes = new ArrayList<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            switch (field) {
                case "received_at" -> at = Instant.parse(p.getValueAsString());
                case "delivery" -> delivery = p.getValueAsString();
                case "event" -> event = p.getValueAsString();
                case "repository" -> repository = p.getValueAsString();
                case "ref" -> ref = p.getValueAsString();
                case "result" -> result = p.getValueAsString();
                case "status" -> status = p.getValueAsInt();
                case "reason" -> reason = p.getValueAsString();
                case "started" -> {
                    while (p.nextToken() == JsonToken.VALUE_STRING) {
                        started.add(p.getText());
                    }
                }
                case "notes" -> {
                    while (p.nextToken() == JsonToken.START_OBJECT) {
                        String subscription = null;
                        String outcome = null;
                        while (p.nextToken() == JsonToken.FIELD_NAME) {
                            String f = p.currentName();
                            p.nextToken();
                            if (f.equals("subscription")) {
                                subscription = p.getValueAsString();
                            } else if (f.equals("outcome")) {
                                outcome = p.getValueAsString();
                            } else {
                                p.skipChildren();
                            }
                        }
                        notes.add(new DeliveryRecord.Note(subscription, outcome));
                    }
                }
                default -> p.skipChildren();
            }
        }
        if (at == null || result == null) {
            throw new IOException("a delivery record lacks received_at or result");
        }
        return new DeliveryRecord(at, delivery, event, repository, ref, result, status, started, reason, notes);
    }

    private static void writeOptional(JsonGenerator json, String field, String value) throws IOException {
        if (value != null) {
            json.writeStringField(field, value);
        }
    }
}
