package io.jenkins.plugins.signedwebhook.core.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Keeps docs/callback.schema.json and the JSON the code writes in step: the field names are an API. */
class CallbackSchemaTest {
    private static final Path SCHEMA = Path.of("..", "docs", "callback.schema.json");

    private static Object read(byte[] json) throws IOException {
        try (JsonParser parser = new JsonFactory().createParser(json)) {
            parser.nextToken();
            return value(parser);
        }
    }

    private static Object value(JsonParser parser) throws IOException {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.START_OBJECT) {
            Map<String, Object> object = new LinkedHashMap<>();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                parser.nextToken();
                object.put(name, value(parser));
            }
            return object;
        }
        if (token == JsonToken.START_ARRAY) {
            List<Object> array = new ArrayList<>();
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                array.add(value(parser));
            }
            return array;
        }
        return parser.getText();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Object value, String... path) {
        Map<String, Object> current = (Map<String, Object>) value;
        for (String key : path) {
            current = (Map<String, Object>) current.get(key);
        }
        return current;
    }

    private static Map<String, Object> schema() throws IOException {
        return object(read(Files.readAllBytes(SCHEMA)));
    }

    private static Map<String, Object> fullCallback() throws IOException {
        CallbackData data = CallbackData.of("folder/app-deploy", "SUCCESS")
                .withBuild(42)
                .withUrl("https://ci.example/job/folder/job/app-deploy/42/")
                .withDurationMs(81234)
                .withRepository("owner/app")
                .withRef("refs/heads/main")
                .withCommit("9f0c3b2e")
                .withDelivery("72d3162e-cc78-11e3-81ab-4c9367dc0958")
                .withFields(Map.of("environment", "production"));
        return object(read(new Callback("deploy.finished", "msg_1", Instant.EPOCH, data).toJson()));
    }

    @Test
    void schemaNamesExactlyTheTopLevelFieldsTheCodeWrites() throws IOException {
        assertThat(object(schema(), "properties").keySet()).containsExactlyElementsOf(fullCallback().keySet());
    }

    @Test
    void schemaNamesExactlyTheDataFieldsTheCodeWrites() throws IOException {
        assertThat(object(schema(), "properties", "data", "properties").keySet())
                .containsExactlyElementsOf(object(fullCallback(), "data").keySet());
    }

    @Test
    @SuppressWarnings("unchecked")
    void schemaRequiresExactlyTheDataFieldsTheCodeAlwaysWrites() throws IOException {
        Map<String, Object> minimal = object(read(
                new Callback("deploy.finished", "msg_1", Instant.EPOCH, CallbackData.of("app", "FAILURE")).toJson()));

        List<Object> required = (List<Object>) object(schema(), "properties", "data").get("required");
        assertThat(required).containsExactlyInAnyOrderElementsOf(object(minimal, "data").keySet());
    }
}
