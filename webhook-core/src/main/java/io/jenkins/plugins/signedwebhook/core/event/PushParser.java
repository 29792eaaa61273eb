package io.jenkins.plugins.signedwebhook.core.event;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Streaming parse of a verified {@code push} payload: one pass, no tree, unknown fields skipped. Wrong types and
 * truncated JSON come back as {@link Invalid} with a reason; no exception escapes.
 */
public final class PushParser {
    private PushParser() {}

    public sealed interface Result {}

    public record Parsed(PushEvent push) implements Result {}

    public record Invalid(String reason) implements Result {}

    /**
     * @param readPaths whether to collect the changed files; when false they are skipped (no String is made for them)
     *     and the push says its paths are not complete, which makes path filters pass
     */
    public static Result parse(byte[] json, int offset, int length, boolean readPaths) {
        try (JsonParser p = Json.parser(json, offset, length)) {
            return new Parsed(new Reader(p, readPaths).read());
        } catch (BadField e) {
            return new Invalid(e.getMessage());
        } catch (StreamConstraintsException e) {
            return new Invalid("the payload exceeds a parser limit (nesting, string or number size)");
        } catch (IOException e) {
            return new Invalid("the payload is not valid JSON (truncated or malformed)");
        }
    }

    public static Result parse(byte[] json) {
        return parse(json, 0, json.length, true);
    }

    /** A field of the wrong type or a missing required field; the message names the field. */
    private static final class BadField extends IOException {
        private static final long serialVersionUID = 1L;

        BadField(String message) {
            super(message);
        }
    }

    private static final class Reader {
        private final JsonParser p;
        private String ref;
        private String before;
        private String after;
        private boolean created;
        private boolean deleted;
        private boolean forced;
        private String baseRef;
        private String compare;
        private PushEvent.Repository repository;
        private String pusher;
        private String sender;
        private PushEvent.HeadCommit headCommit;
        private int commitCount;
        private final Set<String> paths = new LinkedHashSet<>();
        private final boolean readPaths;

        Reader(JsonParser p, boolean readPaths) {
            this.p = p;
            this.readPaths = readPaths;
        }

        PushEvent read() throws IOException {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new BadField("the payload is not a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                p.nextToken();
                switch (field) {
                    case "ref" -> ref = text(field);
                    case "before" -> before = text(field);
                    case "after" -> after = text(field);
                    case "created" -> created = bool(field);
                    case "deleted" -> deleted = bool(field);
                    case "forced" -> forced = bool(field);
                    case "base_ref" -> baseRef = text(field);
                    case "compare" -> compare = text(field);
                    case "repository" -> repository = repository();
                    case "pusher" -> pusher = nameIn(field, "name");
                    case "sender" -> sender = nameIn(field, "login");
                    case "head_commit" -> headCommit = headCommit();
                    case "commits" -> commits();
                    default -> p.skipChildren();
                }
            }
            if (p.nextToken() != null) {
                throw new BadField("the payload has content after its JSON object");
            }
            if (ref == null || ref.isEmpty()) {
                throw new BadField("the payload has no 'ref'");
            }
            if (repository == null || repository.fullName() == null) {
                throw new BadField("the payload has no 'repository.full_name'");
            }
            boolean complete = readPaths && commitCount > 0 && commitCount < PushEvent.COMMITS_MAYBE_TRUNCATED;
            return new PushEvent(ref, before, after, created, deleted, forced, baseRef, compare, repository,
                    pusher, sender, headCommit, commitCount, paths, complete);
        }

        private String text(String field) throws IOException {
            JsonToken t = p.currentToken();
            if (t == JsonToken.VALUE_NULL) {
                return null;
            }
            if (t != JsonToken.VALUE_STRING) {
                throw new BadField("'" + field + "' must be a string");
            }
            return p.getText();
        }

        private boolean bool(String field) throws IOException {
            JsonToken t = p.currentToken();
            if (t == JsonToken.VALUE_TRUE || t == JsonToken.VALUE_FALSE) {
                return t == JsonToken.VALUE_TRUE;
            }
            if (t == JsonToken.VALUE_NULL) {
                return false;
            }
            throw new BadField("'" + field + "' must be true or false");
        }

        private void expectObject(String field) throws IOException {
            if (p.currentToken() != JsonToken.START_OBJECT) {
                throw new BadField("'" + field + "' must be an object");
            }
        }

        private PushEvent.Repository repository() throws IOException {
            expectObject("repository");
            String fullName = null;
            String cloneUrl = null;
            String sshUrl = null;
            String htmlUrl = null;
            String defaultBranch = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                p.nextToken();
                switch (field) {
                    case "full_name" -> fullName = text("repository.full_name");
                    case "clone_url" -> cloneUrl = text("repository.clone_url");
                    case "ssh_url" -> sshUrl = text("repository.ssh_url");
                    case "html_url" -> htmlUrl = text("repository.html_url");
                    case "default_branch" -> defaultBranch = text("repository.default_branch");
                    default -> p.skipChildren();
                }
            }
            return new PushEvent.Repository(fullName, cloneUrl, sshUrl, htmlUrl, defaultBranch);
        }

        /** Reads one string member of an object, for {@code pusher.name} and {@code sender.login}. */
        private String nameIn(String object, String member) throws IOException {
            if (p.currentToken() == JsonToken.VALUE_NULL) {
                return null;
            }
            expectObject(object);
            String value = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                p.nextToken();
                if (member.equals(field)) {
                    value = text(object + "." + member);
                } else {
                    p.skipChildren();
                }
            }
            return value;
        }

        private PushEvent.HeadCommit headCommit() throws IOException {
            if (p.currentToken() == JsonToken.VALUE_NULL) {
                return null;
            }
            expectObject("head_commit");
            String id = null;
            String message = null;
            String author = null;
            String timestamp = null;
            String url = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                p.nextToken();
                switch (field) {
                    case "id" -> id = text("head_commit.id");
                    case "message" -> message = text("head_commit.message");
                    case "timestamp" -> timestamp = text("head_commit.timestamp");
                    case "url" -> url = text("head_commit.url");
                    case "author" -> author = nameIn("head_commit.author", "name");
                    default -> p.skipChildren();
                }
            }
            return new PushEvent.HeadCommit(id, message, author, timestamp, url);
        }

        private void commits() throws IOException {
            if (p.currentToken() == JsonToken.VALUE_NULL) {
                return;
            }
            if (p.currentToken() != JsonToken.START_ARRAY) {
                throw new BadField("'commits' must be an array");
            }
            while (p.nextToken() != JsonToken.END_ARRAY) {
                expectObject("commits[" + commitCount + "]");
                commitCount++;
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String field = p.currentName();
                    p.nextToken();
                    if (readPaths && (field.equals("added") || field.equals("modified") || field.equals("removed"))) {
                        paths(field);
                    } else {
                        p.skipChildren();
                    }
                }
            }
        }

        private void paths(String field) throws IOException {
            if (p.currentToken() != JsonToken.START_ARRAY) {
                throw new BadField("'commits[]." + field + "' must be an array of paths");
            }
            while (p.nextToken() != JsonToken.END_ARRAY) {
                if (p.currentToken() != JsonToken.VALUE_STRING) {
                    throw new BadField("'commits[]." + field + "' must be an array of paths");
                }
                paths.add(p.getText());
            }
        }
    }
}
