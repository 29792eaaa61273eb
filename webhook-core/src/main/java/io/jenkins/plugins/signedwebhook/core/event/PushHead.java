package io.jenkins.plugins.signedwebhook.core.event;

import io.jenkins.plugins.signedwebhook.core.event.RepositoryPeek.JsonNull;
import io.jenkins.plugins.signedwebhook.core.event.RepositoryPeek.Scalar;
import io.jenkins.plugins.signedwebhook.core.event.RepositoryPeek.Text;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The ref a push names and whether it deletes it, read from the body's top level without the full parse and stopping at
 * the two members that say it (both come before the repository in every forge's push): enough to tell a push that no
 * subscription's ref filter takes, which is most deliveries a busy repository sends a receiver. A deletion is an all-zero
 * {@code after}, as every forge sends one; the parsers also read GitHub's {@code deleted} flag, which only a body that
 * contradicts itself sets alone, and such a push, refused by its ref, is then explained by its ref, not as a deletion.
 */
public record PushHead(String ref, boolean deleted) {
    private static final List<String> GITHUB_MEMBERS = List.of("ref", "after");
    private static final List<String> GITLAB_MEMBERS = List.of("ref", "after", "checkout_sha");

    /**
     * A GitHub, Gitea or Forgejo push. Empty when only the full parse can tell (the body unreadable as far as read, no
     * {@code ref}, or a member of another type than the parser reads).
     */
    public static Optional<PushHead> ofGitHub(byte[] json) {
        return RepositoryPeek.topLevel(json, GITHUB_MEMBERS).flatMap(m -> {
            Optional<String> ref = ref(m);
            if (ref.isEmpty() || !readsAsText(m.get("after"))) {
                return Optional.empty();
            }
            return Optional.of(new PushHead(ref.get(), PushEvent.isZeroId(text(m.get("after")))));
        });
    }

    /** A GitLab push: deleted when its {@code after} (or, without one, {@code checkout_sha}) is all zeros. */
    public static Optional<PushHead> ofGitLab(byte[] json) {
        return RepositoryPeek.topLevel(json, GITLAB_MEMBERS).flatMap(m -> {
            Optional<String> ref = ref(m);
            if (ref.isEmpty() || !readsAsText(m.get("after")) || !readsAsText(m.get("checkout_sha"))) {
                return Optional.empty();
            }
            String after = text(m.get("after"));
            String head = after != null ? after : text(m.get("checkout_sha"));
            return Optional.of(new PushHead(ref.get(), PushEvent.isZeroId(head)));
        });
    }

    /** A non-empty string, as both parsers require of {@code ref}. */
    private static Optional<String> ref(Map<String, Scalar> members) {
        return members.get("ref") instanceof Text t && !t.value().isEmpty() ? Optional.of(t.value()) : Optional.empty();
    }

    /** Whether the parsers read the member as a string (absent and null being none): else they refuse the body. */
    private static boolean readsAsText(Scalar value) {
        return value == null || value instanceof JsonNull || value instanceof Text;
    }

    /** The member's text as the parsers read it: null when absent or null. */
    private static String text(Scalar value) {
        return value instanceof Text t ? t.value() : null;
    }
}
