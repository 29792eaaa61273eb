package io.jenkins.plugins.signedwebhook.core.event;

import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Streaming parse of a verified {@code push} payload: one pass, no tree, unknown fields skipped. Wrong types and
 * truncated JSON come back as {@link Invalid} with a reason; no exception escapes. The pass is a {@link JsonScanner},
 * which checks every byte as Jackson's parser would but tokenises only the fields read; Jackson decodes their strings.
 */
public final class PushParser {
    private PushParser() {}

    public sealed interface Result {}

    public record Parsed(PushEvent push) implements Result {}

    public record Invalid(String reason) implements Result {
        static final Invalid MALFORMED = new Invalid("the payload is not valid JSON (truncated or malformed)");
        static final Invalid LIMIT = new Invalid("the payload exceeds a parser limit (nesting, string or number size)");
    }

    /**
     * @param readPaths whether to collect the changed files; when false they are skipped (no String is made for them)
     *     and the push says its paths are not complete, which makes path filters pass
     */
    public static Result parse(byte[] json, int offset, int length, boolean readPaths) {
        try {
            return new Parsed(new Reader(new JsonScanner(json, offset, length), readPaths).read());
        } catch (BadField e) {
            return new Invalid(e.getMessage());
        } catch (JsonScanner.Malformed e) {
            return e.limit ? Invalid.LIMIT : Invalid.MALFORMED;
        } catch (StreamConstraintsException e) {
            return Invalid.LIMIT;
        } catch (IOException e) {
            return Invalid.MALFORMED;
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
        private final JsonScanner in;
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

        Reader(JsonScanner in, boolean readPaths) {
            this.in = in;
            this.readPaths = readPaths;
        }

        PushEvent read() throws IOException {
            int first = in.peek();
            if (first != '{') {
                throw first == -1 || in.valueTokenFollows(true) ? new BadField("the payload is not a JSON object") : malformed();
            }
            in.beginObject();
            while (in.nextMember()) {
                if (in.nameIs("ref")) {
                    ref = text("ref");
                } else if (in.nameIs("before")) {
                    before = text("before");
                } else if (in.nameIs("after")) {
                    after = text("after");
                } else if (in.nameIs("created")) {
                    created = bool("created");
                } else if (in.nameIs("deleted")) {
                    deleted = bool("deleted");
                } else if (in.nameIs("forced")) {
                    forced = bool("forced");
                } else if (in.nameIs("base_ref")) {
                    baseRef = text("base_ref");
                } else if (in.nameIs("compare")) {
                    compare = text("compare");
                } else if (in.nameIs("repository")) {
                    repository = repository();
                } else if (in.nameIs("pusher")) {
                    pusher = nameIn("pusher", "name");
                } else if (in.nameIs("sender")) {
                    sender = nameIn("sender", "login");
                } else if (in.nameIs("head_commit")) {
                    headCommit = headCommit();
                } else if (in.nameIs("commits")) {
                    commits();
                } else {
                    in.skipValue();
                }
            }
            if (!in.atEnd()) {
                throw in.valueTokenFollows(true) ? new BadField("the payload has content after its JSON object") : malformed();
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

        /** A value of the wrong type: Jackson would have read its first token before the type was checked. */
        private IOException wrongType(String message) {
            return in.valueTokenFollows(false) ? new BadField(message) : malformed();
        }

        private static IOException malformed() {
            return new IOException("malformed");
        }

        private String text(String field) throws IOException {
            int c = in.peek();
            if (c == '"') {
                return in.readString();
            }
            if (in.nextIsNull()) {
                return null;
            }
            throw wrongType("'" + field + "' must be a string");
        }

        private boolean bool(String field) throws IOException {
            int c = in.peek();
            if (c == 't' || c == 'f') {
                return in.readBoolean();
            }
            if (in.nextIsNull()) {
                return false;
            }
            throw wrongType("'" + field + "' must be true or false");
        }

        private void beginObject(String field) throws IOException {
            if (in.peek() != '{') {
                throw wrongType("'" + field + "' must be an object");
            }
            in.beginObject();
        }

        private PushEvent.Repository repository() throws IOException {
            beginObject("repository");
            String fullName = null;
            String cloneUrl = null;
            String sshUrl = null;
            String htmlUrl = null;
            String defaultBranch = null;
            while (in.nextMember()) {
                if (in.nameIs("full_name")) {
                    fullName = text("repository.full_name");
                } else if (in.nameIs("clone_url")) {
                    cloneUrl = text("repository.clone_url");
                } else if (in.nameIs("ssh_url")) {
                    sshUrl = text("repository.ssh_url");
                } else if (in.nameIs("html_url")) {
                    htmlUrl = text("repository.html_url");
                } else if (in.nameIs("default_branch")) {
                    defaultBranch = text("repository.default_branch");
                } else {
                    in.skipValue();
                }
            }
            return new PushEvent.Repository(fullName, cloneUrl, sshUrl, htmlUrl, defaultBranch);
        }

        /** Reads one string member of an object, for {@code pusher.name} and {@code sender.login}. */
        private String nameIn(String object, String member) throws IOException {
            if (in.nextIsNull()) {
                return null;
            }
            beginObject(object);
            String value = null;
            while (in.nextMember()) {
                if (in.nameIs(member)) {
                    value = text(object + "." + member);
                } else {
                    in.skipValue();
                }
            }
            return value;
        }

        private PushEvent.HeadCommit headCommit() throws IOException {
            if (in.nextIsNull()) {
                return null;
            }
            beginObject("head_commit");
            String id = null;
            String message = null;
            String author = null;
            String timestamp = null;
            String url = null;
            while (in.nextMember()) {
                if (in.nameIs("id")) {
                    id = text("head_commit.id");
                } else if (in.nameIs("message")) {
                    message = text("head_commit.message");
                } else if (in.nameIs("timestamp")) {
                    timestamp = text("head_commit.timestamp");
                } else if (in.nameIs("url")) {
                    url = text("head_commit.url");
                } else if (in.nameIs("author")) {
                    author = nameIn("head_commit.author", "name");
                } else {
                    in.skipValue();
                }
            }
            return new PushEvent.HeadCommit(id, message, author, timestamp, url);
        }

        private void commits() throws IOException {
            if (in.nextIsNull()) {
                return;
            }
            if (in.peek() != '[') {
                throw wrongType("'commits' must be an array");
            }
            in.beginArray();
            while (in.nextElement()) {
                beginObject("commits[" + commitCount + "]");
                commitCount++;
                while (in.nextMember()) {
                    if (readPaths && (in.nameIs("added") || in.nameIs("modified") || in.nameIs("removed"))) {
                        paths();
                    } else {
                        in.skipValue();
                    }
                }
            }
        }

        private void paths() throws IOException {
            String field = in.nameIs("added") ? "added" : in.nameIs("modified") ? "modified" : "removed";
            if (in.peek() != '[') {
                throw wrongType("'commits[]." + field + "' must be an array of paths");
            }
            in.beginArray();
            while (in.nextElement()) {
                if (in.peek() != '"') {
                    throw wrongType("'commits[]." + field + "' must be an array of paths");
                }
                paths.add(in.readString());
            }
        }
    }
}
