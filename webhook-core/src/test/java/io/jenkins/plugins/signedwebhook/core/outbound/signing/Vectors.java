package io.jenkins.plugins.signedwebhook.core.outbound.signing;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the published vectors in {@code vectors/signatures.json}: section name to a list of string objects. */
final class Vectors {
    private Vectors() {}

    static List<Map<String, String>> section(String name) {
        try (InputStream in = Vectors.class.getResourceAsStream("/vectors/signatures.json");
                JsonParser parser = new JsonFactory().createParser(in)) {
            Map<String, List<Map<String, String>>> sections = new LinkedHashMap<>();
            expect(parser.nextToken(), JsonToken.START_OBJECT);
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String section = parser.currentName();
                expect(parser.nextToken(), JsonToken.START_ARRAY);
                List<Map<String, String>> entries = new ArrayList<>();
                while (parser.nextToken() == JsonToken.START_OBJECT) {
                    Map<String, String> entry = new LinkedHashMap<>();
                    while (parser.nextToken() == JsonToken.FIELD_NAME) {
                        String field = parser.currentName();
                        parser.nextToken();
                        entry.put(field, parser.getText());
                    }
                    entries.add(entry);
                }
                sections.put(section, entries);
            }
            return sections.get(name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void expect(JsonToken actual, JsonToken expected) {
        if (actual != expected) {
            throw new IllegalStateException("vectors: expected " + expected + " but found " + actual);
        }
    }
}
