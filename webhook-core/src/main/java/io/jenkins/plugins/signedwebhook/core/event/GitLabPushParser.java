package io.jenkins.plugins.signedwebhook.core.event;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.jenkins.plugins.signedwebhook.core.forge.Forge;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Streaming parse of a verified GitLab {@code Push Hook} or {@code Tag Push Hook} payload, shaped as GitLab's
 * "Webhook events" page documents it: {@code ref}, {@code before}, {@code after} (or {@code checkout_sha}),
 * {@code project.path_with_namespace}, {@code user_username}, {@code commits[]} (at most 20) and
 * {@code total_commits_count}.
 */
public final class GitLabPushParser {
    /** GitLab lists at most this many commits, whatever {@code total_commits_count} says. */
    static final int LISTED_COMMITS_CAP = 20;

    private GitLabPushParser() {}

    public static PushPayload read(byte[] json, int offset, int length, boolean readPaths) {
        return JsonFields.read(json, offset, length, p -> new PushPayload.Read(List.of(new Reader(p, readPaths).read())));
    }

    private static final class Reader extends JsonFields {
        private String ref;
        private String before;
        private String after;
        private String checkoutSha;
        private String username;
        private String userName;
        private PushEvent.Repository project;
        private int commitCount;
        private int totalCommits = -1;
        private final List<PushEvent.HeadCommit> commits = new ArrayList<>();
        private final Set<String> paths = new LinkedHashSet<>();
        private final boolean readPaths;

        Reader(JsonParser p, boolean readPaths) {
            super(p);
            this.readPaths = readPaths;
        }

        PushEvent read() throws IOException {
            startDocument();
            for (String field = nextField(); field != null; field = nextField()) {
                switch (field) {
                    case "ref" -> ref = text(field);
                    case "before" -> before = text(field);
                    case "after" -> after = text(field);
                    case "checkout_sha" -> checkoutSha = text(field);
                    case "user_username" -> username = text(field);
                    case "user_name" -> userName = text(field);
                    case "project" -> project = repository(field, "path_with_namespace", "git_http_url", "git_ssh_url", "web_url", "default_branch");
                    case "commits" -> commits();
                    case "total_commits_count" -> totalCommits = count(field);
                    default -> p.skipChildren();
                }
            }
            endDocument();
            if (ref == null || ref.isEmpty()) {
                throw new BadField("the payload has no 'ref'");
            }
            if (project == null || project.fullName() == null) {
                throw new BadField("the payload has no 'project.path_with_namespace'");
            }
            String head = after != null ? after : checkoutSha;
            PushEvent.HeadCommit headCommit = commits.stream().filter(c -> c.id() != null && c.id().equals(head)).findFirst()
                    .orElse(null);
            // Paths are trusted only when every commit is listed: GitLab cuts the list at 20.
            boolean listedAll = totalCommits < 0 || totalCommits == commitCount;
            boolean complete = readPaths && commitCount > 0 && listedAll && commitCount < LISTED_COMMITS_CAP;
            return new PushEvent(ref, before, head, PushEvent.isZeroId(before), PushEvent.isZeroId(head), false, null,
                    null, project, username, userName, headCommit, Math.max(commitCount, totalCommits), paths, complete,
                    Forge.GITLAB);
        }

        private void commits() throws IOException {
            if (!arrayOrNull("commits")) {
                return;
            }
            while (p.nextToken() != JsonToken.END_ARRAY) {
                expectObject("commits[" + commitCount + "]");
                commitCount++;
                String id = null;
                boolean other = false;
                String message = null;
                String timestamp = null;
                String url = null;
                String author = null;
                for (String field = nextField(); field != null; field = nextField()) {
                    // Only the head commit is kept: once an id names another commit, its details are skipped unread.
                    switch (other ? "" : field) {
                        case "id" -> {
                            id = text("commits[].id");
                            String head = after != null ? after : checkoutSha;
                            other = head != null && !head.equals(id);
                        }
                        case "message" -> message = text("commits[].message");
                        case "timestamp" -> timestamp = text("commits[].timestamp");
                        case "url" -> url = text("commits[].url");
                        case "author" -> author = nameIn("commits[].author", "name");
                        default -> {
                            if (readPaths && isPathList(field)) {
                                paths(field, paths);
                            } else {
                                p.skipChildren();
                            }
                        }
                    }
                }
                if (!other) {
                    commits.add(new PushEvent.HeadCommit(id, message, author, timestamp, url));
                }
            }
        }
    }
}
