package io.jenkins.plugins.signedwebhook.core.event;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.jenkins.plugins.signedwebhook.core.forge.Forge;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Streaming parse of a verified Bitbucket Cloud {@code repo:push} payload, shaped as Atlassian's "Event payloads" page
 * documents it: {@code actor}, {@code repository} and {@code push.changes[]}, each change with {@code new} and
 * {@code old} ({@code type} branch or tag, {@code name}, {@code target.hash}; null on the created or deleted side),
 * {@code created}, {@code closed} and {@code forced}. Each change becomes a {@link PushEvent} of its own. Bitbucket
 * lists no changed files, so path filters always pass.
 */
public final class BitbucketPushParser {
    private static final String ZERO_ID = "0".repeat(40);

    private BitbucketPushParser() {}

    public static PushPayload read(byte[] json, int offset, int length) {
        return JsonFields.read(json, offset, length, p -> new PushPayload.Read(new Reader(p).read()));
    }

    /** One side of a change: the ref as it was or as it is now. */
    private record Side(String type, String name, PushEvent.HeadCommit target) {
        String ref() {
            return ("tag".equals(type) ? "refs/tags/" : "refs/heads/") + name;
        }
    }

    private record Change(Side now, Side was, boolean created, boolean closed, boolean forced, int commits) {}

    private static final class Reader extends JsonFields {
        private PushEvent.Repository repository;
        private String actor;
        private final List<Change> changes = new ArrayList<>();

        Reader(JsonParser p) {
            super(p);
        }

        List<PushEvent> read() throws IOException {
            startDocument();
            for (String field = nextField(); field != null; field = nextField()) {
                switch (field) {
                    case "repository" -> repository = repository();
                    case "actor" -> actor = actor();
                    case "push" -> push();
                    default -> p.skipChildren();
                }
            }
            endDocument();
            if (repository == null || repository.fullName() == null) {
                throw new BadField("the payload has no 'repository.full_name'");
            }
            if (changes.isEmpty()) {
                throw new BadField("the payload has no 'push.changes'");
            }
            List<PushEvent> pushes = new ArrayList<>();
            for (Change c : changes) {
                Side named = c.now() != null ? c.now() : c.was();
                String before = c.was() == null || c.was().target() == null ? ZERO_ID : c.was().target().id();
                String after = c.now() == null || c.now().target() == null ? ZERO_ID : c.now().target().id();
                pushes.add(new PushEvent(named.ref(), before, after, c.created() || c.was() == null,
                        c.closed() || c.now() == null, c.forced(), null, null, repository, actor, actor,
                        c.now() == null ? null : c.now().target(), c.commits(), Set.of(), false, Forge.BITBUCKET));
            }
            return pushes;
        }

        private PushEvent.Repository repository() throws IOException {
            expectObject("repository");
            String fullName = null;
            String htmlUrl = null;
            for (String field = nextField(); field != null; field = nextField()) {
                switch (field) {
                    case "full_name" -> fullName = text("repository.full_name");
                    case "links" -> htmlUrl = htmlLink("repository.links");
                    default -> p.skipChildren();
                }
            }
            return new PushEvent.Repository(fullName, null, null, htmlUrl, null);
        }

        /** {@code links.html.href}, the web page of what the links belong to. */
        private String htmlLink(String at) throws IOException {
            if (!objectOrNull(at)) {
                return null;
            }
            String href = null;
            for (String field = nextField(); field != null; field = nextField()) {
                if (field.equals("html")) {
                    href = nameIn(at + ".html", "href");
                } else {
                    p.skipChildren();
                }
            }
            return href;
        }

        /** The pusher's nickname, else the display name. */
        private String actor() throws IOException {
            if (!objectOrNull("actor")) {
                return null;
            }
            String nickname = null;
            String displayName = null;
            for (String field = nextField(); field != null; field = nextField()) {
                switch (field) {
                    case "nickname" -> nickname = text("actor.nickname");
                    case "display_name" -> displayName = text("actor.display_name");
                    default -> p.skipChildren();
                }
            }
            return nickname != null ? nickname : displayName;
        }

        private void push() throws IOException {
            expectObject("push");
            for (String field = nextField(); field != null; field = nextField()) {
                if (!field.equals("changes")) {
                    p.skipChildren();
                } else if (arrayOrNull("push.changes")) {
                    while (p.nextToken() != JsonToken.END_ARRAY) {
                        changes.add(change("push.changes[" + changes.size() + "]"));
                    }
                }
            }
        }

        private Change change(String at) throws IOException {
            expectObject(at);
            Side now = null;
            Side was = null;
            boolean created = false;
            boolean closed = false;
            boolean forced = false;
            int commits = 0;
            for (String field = nextField(); field != null; field = nextField()) {
                switch (field) {
                    case "new" -> now = side(at + ".new");
                    case "old" -> was = side(at + ".old");
                    case "created" -> created = bool(at + ".created");
                    case "closed" -> closed = bool(at + ".closed");
                    case "forced" -> forced = bool(at + ".forced");
                    case "commits" -> commits = countElements(at + ".commits");
                    default -> p.skipChildren();
                }
            }
            if (now == null && was == null) {
                throw new BadField("'" + at + "' has neither 'new' nor 'old'");
            }
            return new Change(now, was, created, closed, forced, commits);
        }

        private int countElements(String at) throws IOException {
            if (!arrayOrNull(at)) {
                return 0;
            }
            int n = 0;
            while (p.nextToken() != JsonToken.END_ARRAY) {
                n++;
                p.skipChildren();
            }
            return n;
        }

        private Side side(String at) throws IOException {
            if (!objectOrNull(at)) {
                return null;
            }
            String type = null;
            String name = null;
            PushEvent.HeadCommit target = null;
            for (String field = nextField(); field != null; field = nextField()) {
                switch (field) {
                    case "type" -> type = text(at + ".type");
                    case "name" -> name = text(at + ".name");
                    case "target" -> target = target(at + ".target");
                    default -> p.skipChildren();
                }
            }
            if (name == null || name.isEmpty()) {
                throw new BadField("'" + at + ".name' is missing");
            }
            if (!"branch".equals(type) && !"tag".equals(type) && !"annotated_tag".equals(type)) {
                throw new BadField("'" + at + ".type' must be branch or tag");
            }
            return new Side("branch".equals(type) ? "branch" : "tag", name, target);
        }

        private PushEvent.HeadCommit target(String at) throws IOException {
            if (!objectOrNull(at)) {
                return null;
            }
            String hash = null;
            String message = null;
            String date = null;
            String url = null;
            String author = null;
            for (String field = nextField(); field != null; field = nextField()) {
                switch (field) {
                    case "hash" -> hash = text(at + ".hash");
                    case "message" -> message = text(at + ".message");
                    case "date" -> date = text(at + ".date");
                    case "links" -> url = htmlLink(at + ".links");
                    case "author" -> author = nameIn(at + ".author", "raw");
                    default -> p.skipChildren();
                }
            }
            return new PushEvent.HeadCommit(hash, message, author, date, url);
        }
    }
}
