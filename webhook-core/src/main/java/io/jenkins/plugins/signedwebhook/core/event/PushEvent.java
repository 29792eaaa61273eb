package io.jenkins.plugins.signedwebhook.core.event;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * What a GitHub {@code push} delivery says, as far as building and deploying need it.
 *
 * @param changedPaths union of added, modified and removed files over all listed commits
 * @param pathsComplete false when {@code changedPaths} may miss files: the commit list may be cut short (see
 *     {@link #COMMITS_MAYBE_TRUNCATED}), lists no commit (a tag or branch created on an existing commit), or the
 *     files were not read because no subscription filters by path
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
        boolean pathsComplete) {

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

    public record Repository(String fullName, String cloneUrl, String sshUrl, String htmlUrl, String defaultBranch) {}

    public record HeadCommit(String id, String message, String author, String timestamp, String url) {}
}
