package io.jenkins.plugins.signedwebhook.core.event;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import java.io.IOException;
import java.util.Set;

/**
 * What every forge's streaming push parser shares: typed reads of the current value that name the field when it has
 * the wrong type, and one place that turns parser failures into {@link PushPayload.Invalid}.
 */
abstract class JsonFields {
    protected final JsonParser p;

    JsonFields(JsonParser p) {
        this.p = p;
    }

    /** A document reader: given a parser positioned before the first token, reads the whole payload. */
    @FunctionalInterface
    interface Document {
        PushPayload read(JsonParser p) throws IOException;
    }

    /** Runs {@code document} over the bytes; no exception escapes, a bad payload is {@link PushPayload.Invalid}. */
    static PushPayload read(byte[] json, int offset, int length, Document document) {
        try (JsonParser p = Json.parser(json, offset, length)) {
            return document.read(p);
        } catch (BadField e) {
            return new PushPayload.Invalid(e.getMessage());
        } catch (StreamConstraintsException e) {
            return new PushPayload.Invalid("the payload exceeds a parser limit (nesting, string or number size)");
        } catch (IOException e) {
            return new PushPayload.Invalid("the payload is not valid JSON (truncated or malformed)");
        }
    }

    /** A field of the wrong type or a missing required field; the message names the field. */
    static final class BadField extends IOException {
        private static final long serialVersionUID = 1L;

        BadField(String message) {
            super(message);
        }
    }

    void startDocument() throws IOException {
        if (p.nextToken() != JsonToken.START_OBJECT) {
            throw new BadField("the payload is not a JSON object");
        }
    }

    void endDocument() throws IOException {
        if (p.nextToken() != null) {
            throw new BadField("the payload has content after its JSON object");
        }
    }

    /** The next member's name with the parser on its value, or null at the end of the object. */
    String nextField() throws IOException {
        if (p.nextToken() != JsonToken.FIELD_NAME) {
            return null;
        }
        String field = p.currentName();
        p.nextToken();
        return field;
    }

    String text(String field) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        if (t != JsonToken.VALUE_STRING) {
            throw new BadField("'" + field + "' must be a string");
        }
        return p.getText();
    }

    boolean bool(String field) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_TRUE || t == JsonToken.VALUE_FALSE) {
            return t == JsonToken.VALUE_TRUE;
        }
        if (t == JsonToken.VALUE_NULL) {
            return false;
        }
        throw new BadField("'" + field + "' must be true or false");
    }

    /** A non-negative whole number, or -1 when null. */
    int count(String field) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NULL) {
            return -1;
        }
        if (t != JsonToken.VALUE_NUMBER_INT || p.getNumberType() != JsonParser.NumberType.INT || p.getIntValue() < 0) {
            throw new BadField("'" + field + "' must be a whole number");
        }
        return p.getIntValue();
    }

    void expectObject(String field) throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            throw new BadField("'" + field + "' must be an object");
        }
    }

    /** Whether the current value is an object to read (false for null); anything else is refused. */
    boolean objectOrNull(String field) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_NULL) {
            return false;
        }
        expectObject(field);
        return true;
    }

    /** Reads one string member of an object, such as {@code pusher.name}. */
    String nameIn(String object, String member) throws IOException {
        if (!objectOrNull(object)) {
            return null;
        }
        String value = null;
        for (String field = nextField(); field != null; field = nextField()) {
            if (member.equals(field)) {
                value = text(object + "." + member);
            } else {
                p.skipChildren();
            }
        }
        return value;
    }

    /**
     * The object at {@code at} as a repository, given the names its forge gives the name, the clone URLs, the web
     * page and the default branch (GitHub's {@code full_name}, GitLab's {@code path_with_namespace}, ...).
     */
    PushEvent.Repository repository(String at, String name, String cloneUrl, String sshUrl, String htmlUrl, String branch)
            throws IOException {
        expectObject(at);
        String[] wanted = {name, cloneUrl, sshUrl, htmlUrl, branch};
        String[] values = new String[wanted.length];
        for (String field = nextField(); field != null; field = nextField()) {
            int i = wanted.length - 1;
            while (i >= 0 && !field.equals(wanted[i])) {
                i--;
            }
            if (i < 0) {
                p.skipChildren();
            } else {
                values[i] = text(at + "." + field);
            }
        }
        return new PushEvent.Repository(values[0], values[1], values[2], values[3], values[4]);
    }

    /** Whether the current value is an array to read (false for null); anything else is refused. */
    boolean arrayOrNull(String field) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_NULL) {
            return false;
        }
        if (p.currentToken() != JsonToken.START_ARRAY) {
            throw new BadField("'" + field + "' must be an array");
        }
        return true;
    }

    /** Adds an array of file paths to {@code into}. */
    void paths(String field, Set<String> into) throws IOException {
        if (p.currentToken() != JsonToken.START_ARRAY) {
            throw new BadField("'commits[]." + field + "' must be an array of paths");
        }
        while (p.nextToken() != JsonToken.END_ARRAY) {
            if (p.currentToken() != JsonToken.VALUE_STRING) {
                throw new BadField("'commits[]." + field + "' must be an array of paths");
            }
            into.add(p.getText());
        }
    }

    static boolean isPathList(String field) {
        return field.equals("added") || field.equals("modified") || field.equals("removed");
    }
}
