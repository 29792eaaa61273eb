package io.jenkins.plugins.signedwebhook.core.event;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.jenkins.plugins.signedwebhook.core.forge.Forge;
import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Streaming parse of a verified GitHub-shaped {@code push} payload (GitHub, and Gitea and Forgejo, which send the same
 * shape): one pass, no tree, unknown fields skipped. Wrong types and truncated JSON come back as {@link Invalid} with
 * a reason; no exception escapes.
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
        PushPayload read = read(json, offset, length, readPaths, Forge.GITHUB);
        return read instanceof PushPayload.Read ok ? new Parsed(ok.pushes().get(0)) : new Invalid(((PushPayload.Invalid) read).reason());
    }

    public static Result parse(byte[] json) {
        return parse(json, 0, json.length, true);
    }

    /** The push of a GitHub, Gitea or Forgejo delivery, marked as sent by {@code forge}. */
    public static PushPayload read(byte[] json, int offset, int length, boolean readPaths, Forge forge) {
        return JsonFields.read(json, offset, length, p -> new PushPayload.Read(List.of(new Reader(p, readPaths, forge).read())));
    }

    private static final class Reader extends JsonFields {
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
        private final Forge forge;

        Reader(JsonParser p, boolean readPaths, Forge forge) {
            super(p);
            this.readPaths = readPaths;
            this.forge = forge;
        }

        PushEvent read() throws IOException {
            startDocument();
            for (String field = nextField(); field != null; field = nextField()) {
                switch (field) {
                    case "ref" -> ref = text(field);
                    case "before" -> before = text(field);
                    case "after" -> after = text(field);
                    case "created" -> created = bool(field);
                    case "deleted" -> deleted = bool(field);
                    case "forced" -> forced = bool(field);
                    case "base_ref" -> baseRef = text(field);
                    case "compare", "compare_url" -> compare = text(field);
                    case "repository" -> repository = repository(field, "full_name", "clone_url", "ssh_url", "html_url", "default_branch");
                    // GitHub names the pusher; Gitea and Forgejo give their login.
                    case "pusher" -> pusher = forge == Forge.GITHUB ? nameIn(field, "name") : nameIn(field, "login");
                    case "sender" -> sender = nameIn(field, "login");
                    case "head_commit" -> headCommit = headCommit();
                    case "commits" -> commits();
                    default -> p.skipChildren();
                }
            }
            endDocument();
            if (ref == null || ref.isEmpty()) {
                throw new BadField("the payload has no 'ref'");
            }
            if (repository == null || repository.fullName() == null) {
                throw new BadField("the payload has no 'repository.full_name'");
            }
            // Gitea and Forgejo say a ref was created or deleted only through the all-zero id.
            created = created || PushEvent.isZeroId(before);
            deleted = deleted || PushEvent.isZeroId(after);
            boolean complete = readPaths && commitCount > 0 && commitCount < PushEvent.COMMITS_MAYBE_TRUNCATED;
            return new PushEvent(ref, before, after, created, deleted, forced, baseRef, compare, repository,
                    pusher, sender, headCommit, commitCount, paths, complete, forge);
        }

        private PushEvent.HeadCommit headCommit() throws IOException {
            if (!objectOrNull("head_commit")) {
                return null;
            }
            String id = null;
            String message = null;
            String author = null;
            String timestamp = null;
            String url = null;
            for (String field = nextField(); field != null; field = nextField()) {
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
            if (!arrayOrNull("commits")) {
                return;
            }
            while (p.nextToken() != JsonToken.END_ARRAY) {
                expectObject("commits[" + commitCount + "]");
                commitCount++;
                for (String field = nextField(); field != null; field = nextField()) {
                    if (readPaths && isPathList(field)) {
                        paths(field, paths);
                    } else {
                        p.skipChildren();
                    }
                }
            }
        }
    }
}
