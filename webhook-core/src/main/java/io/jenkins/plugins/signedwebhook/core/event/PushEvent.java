package io.jenkins.plugins.signedwebhook.core.event;

import io.jenkins.plugins.signedwebhook.core.forge.Forge;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What one pushed ref says, as far as building and deploying need it, whichever forge sent it (a Bitbucket push of
 * several refs is one of these per ref).
 *
 * @param changedPaths union of added, modified and removed files over all listed commits
 * @param pathsComplete false when {@code changedPaths} may miss files: the commit list may be cut short (see
 *     {@link #COMMITS_MAYBE_TRUNCATED}), lists no commit (a tag or branch created on an existing commit), or the
 *     files were not read because no subscription filters by path
 * @param forge the forge whose delivery this was read from
 */
public record PushEvent(
        String ref,
        String before,
        String after,
        boolean created,
        boolean deleted,
        boolean forced,
        String baseRef,
        String compare,
        Repository repository,
        String pusher,
        String sender,
        HeadCommit headCommit,
        int commitCount,
        Set<String> changedPaths,
        boolean pathsComplete,
        Forge forge) {

    /**
     * From this many listed commits on, the list may be cut short. github.com documents a cap of 2048 today, but older
     * documentation and GitHub Enterprise Server releases cap at 20; trusting path filters only below 20 never drops a
     * deploy, at the cost of path filters not filtering pushes of 20 commits or more.
     */
    public static final int COMMITS_MAYBE_TRUNCATED = 20;

    private static final String BRANCH_PREFIX = "refs/heads/";
    private static final String TAG_PREFIX = "refs/tags/";

    public PushEvent {
        changedPaths = Collections.unmodifiableSet(new LinkedHashSet<>(changedPaths));
        forge = forge == null ? Forge.GITHUB : forge;
    }

    /** A push read from a GitHub delivery. */
    public PushEvent(String ref, String before, String after, boolean created, boolean deleted, boolean forced,
            String baseRef, String compare, Repository repository, String pusher, String sender, HeadCommit headCommit,
            int commitCount, Set<String> changedPaths, boolean pathsComplete) {
        this(ref, before, after, created, deleted, forced, baseRef, compare, repository, pusher, sender, headCommit,
                commitCount, changedPaths, pathsComplete, Forge.GITHUB);
    }

    /** Whether an object id is git's all-zero id, which forges send for the missing side of a created or deleted ref. */
    public static boolean isZeroId(String id) {
        if (id == null || id.isEmpty()) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            if (id.charAt(i) != '0') {
                return false;
            }
        }
        return true;
    }

    public Optional<String> branch() {
        return ref.startsWith(BRANCH_PREFIX) ? Optional.of(ref.substring(BRANCH_PREFIX.length())) : Optional.empty();
    }

    public Optional<String> tag() {
        return ref.startsWith(TAG_PREFIX) ? Optional.of(ref.substring(TAG_PREFIX.length())) : Optional.empty();
    }

    /** The branch or tag name, or the whole ref when it is neither. */
    public String shortRef() {
        return branch().or(this::tag).orElse(ref);
    }

    public record Repository(String fullName, String cloneUrl, String sshUrl, String htmlUrl, String defaultBranch) {

        /**
         * The lower-case host (and port, when the URL names one) of the repository's web page, else of its clone URL;
         * empty when neither is an absolute URL. Two hosts with the same {@code owner/name} are two repositories.
         */
        public Optional<String> host() {
            return hostOf(htmlUrl).or(() -> hostOf(cloneUrl));
        }

        private static Optional<String> hostOf(String url) {
            if (url == null) {
                return Optional.empty();
            }
            try {
                URI uri = new URI(url);
                if (uri.getHost() == null) {
                    return Optional.empty();
                }
                String host = uri.getHost().toLowerCase(Locale.ROOT);
                return Optional.of(uri.getPort() < 0 ? host : host + ":" + uri.getPort());
            } catch (URISyntaxException e) {
                return Optional.empty();
            }
        }
    }

    public record HeadCommit(String id, String message, String author, String timestamp, String url) {}
}
