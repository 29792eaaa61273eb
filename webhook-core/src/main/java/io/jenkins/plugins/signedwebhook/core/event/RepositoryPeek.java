package io.jenkins.plugins.signedwebhook.core.event;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/**
 * Reads {@code repository.full_name} from a body whose signature has not been checked yet, and nothing else: it only
 * serves to find the secrets to check the signature with. Stops as soon as the name is found.
 */
public final class RepositoryPeek {
    private RepositoryPeek() {}

    /** What the unverified body says about its repository. */
    public sealed interface Result {}

    public record Found(String fullName) implements Result {}

    /** A JSON object with no {@code repository}: an organisation webhook's ping, for example. */
    public record Absent() implements Result {}

    public record Unreadable(String reason) implements Result {}

    public static Result peek(byte[] json, int offset, int length) {
        try (JsonParser p = Json.parser(json, offset, length)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return new Unreadable("the payload is not a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if ("repository".equals(field) && value == JsonToken.START_OBJECT) {
                    Result found = fullName(p);
                    if (found != null) {
                        return found;
                    }
                } else {
                    p.skipChildren();
                }
            }
            return new Absent();
        } catch (IOException e) {
            return new Unreadable("the payload is not valid JSON");
        }
    }

    private static Result fullName(JsonParser p) throws IOException {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            if ("full_name".equals(field)) {
                return value == JsonToken.VALUE_STRING
                        ? new Found(p.getText())
                        : new Unreadable("repository.full_name is not a string");
            }
            p.skipChildren();
        }
        return null;
    }
}
