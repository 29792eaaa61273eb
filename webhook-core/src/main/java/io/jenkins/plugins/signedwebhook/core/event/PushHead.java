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
            Optional<Optional<String>> after = text(m.get("after"));
            if (ref.isEmpty() || after.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new PushHead(ref.get(), PushEvent.isZeroId(after.get().orElse(null))));
        });
    }

    /** A GitLab push: deleted when its {@code after} (or, without one, {@code checkout_sha}) is all zeros. */
    public static Optional<PushHead> ofGitLab(byte[] json) {
        return RepositoryPeek.topLevel(json, GITLAB_MEMBERS).flatMap(m -> {
            Optional<String> ref = ref(m);
            Optional<Optional<String>> after = text(m.get("after"));
            Optional<Optional<String>> checkout = text(m.get("checkout_sha"));
            if (ref.isEmpty() || after.isEmpty() || checkout.isEmpty()) {
                return Optional.empty();
            }
            String head = after.get().orElse(checkout.get().orElse(null));
            return Optional.of(new PushHead(ref.get(), PushEvent.isZeroId(head)));
        });
    }

    /** A non-empty string, as both parsers require of {@code ref}. */
    private static Optional<String> ref(Map<String, Scalar> members) {
        return members.get("ref") instanceof Text t && !t.value().isEmpty() ? Optional.of(t.value()) : Optional.empty();
    }

    /** A string member as the parsers read one: absent and null alike; empty when it is of another type. */
    private static Optional<Optional<String>> text(Scalar value) {
        if (value == null || value instanceof JsonNull) {
            return Optional.of(Optional.empty());
        }
        return value instanceof Text t ? Optional.of(Optional.of(t.value())) : Optional.empty();
    }
}
