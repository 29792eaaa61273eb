package io.jenkins.plugins.signedwebhook.core.inbound;

import io.jenkins.plugins.signedwebhook.core.event.PushHead;
import io.jenkins.plugins.signedwebhook.core.event.PushPayload;
import io.jenkins.plugins.signedwebhook.core.event.RepositoryPeek;
import io.jenkins.plugins.signedwebhook.core.forge.Forge;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/**
 * How one forge sends a delivery: the headers that tell it apart, name its event and id and carry its proof, where
 * its body names the repository, and how its push is read. The engine holds every rule; a dialect only translates.
 */
sealed interface ForgeDialect permits GitHubDialect, GiteaDialect, GitLabDialect, BitbucketDialect {

    /** Checked in this order: Forgejo also sends Gitea's headers, and Gitea also sends GitHub's. */
    List<ForgeDialect> ALL = List.of(new GiteaDialect(Forge.FORGEJO, "X-Forgejo-"), new GiteaDialect(Forge.GITEA, "X-Gitea-"),
            new GitLabDialect(), new BitbucketDialect(), new GitHubDialect());

    /** What an event is to the engine. */
    enum Kind { PUSH, PING, OTHER }

    /** The canonical event name a matched push is handed on with, the same for every forge. */
    String PUSH_EVENT = "push";

    Forge forge();

    /** Whether these headers are this forge's. */
    boolean sentBy(InboundRequest request);

    /** Every header this forge's deliveries are read by. */
    List<String> headers();

    /** Headers that decide what a delivery proves or is: refused when given more than once. */
    List<String> securityHeaders();

    String eventHeader();

    String deliveryHeader();

    String event(InboundRequest request);

    String deliveryId(InboundRequest request);

    Kind kind(String event);

    /** The proof the headers claim, or the answer when they cannot prove anything. */
    Claim claim(InboundRequest request, EngineSettings settings, Clock clock);

    RepositoryPeek.Result peek(byte[] json);

    PushPayload parse(byte[] json, boolean readPaths);

    /** The pushed ref read without the full parse, where the body names exactly one; empty when the parse must tell. */
    Optional<PushHead> head(byte[] json);

    static ForgeDialect of(InboundRequest request) {
        for (ForgeDialect dialect : ALL) {
            if (dialect.sentBy(request)) {
                return dialect;
            }
        }
        throw new IllegalStateException("the GitHub dialect takes every request");
    }

    /** The headers of every forge, for {@link InboundRequest#HEADERS}. */
    static List<String> allHeaders() {
        LinkedHashSet<String> names = new LinkedHashSet<>();
        ALL.forEach(d -> names.addAll(d.headers()));
        return List.copyOf(names);
    }
}
