package io.jenkins.plugins.signedwebhook;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.EnvVars;
import hudson.model.Action;
import hudson.model.EnvironmentContributingAction;
import hudson.model.Queue;
import hudson.model.Run;
import hudson.model.queue.FoldableAction;
import io.jenkins.plugins.signedwebhook.core.event.PushVariables;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Gives the build the {@code WEBHOOK_*} variables of the push that started it, in freestyle builds and Pipeline
 * {@code env} alike. When a later push is folded into a build still waiting in the queue, its variables replace the
 * earlier ones, so the build builds the newest commit; a push of another ref (a Bitbucket push's tag beside its
 * branch, say) is a build of its own.
 */
public class WebhookEnvironmentAction implements EnvironmentContributingAction, FoldableAction, Queue.QueueAction {
    private final TreeMap<String, String> variables;

    WebhookEnvironmentAction(Map<String, String> variables) {
        this.variables = new TreeMap<>(variables);
    }

    public Map<String, String> getVariables() {
        return Collections.unmodifiableMap(variables);
    }

    @Override
    public void buildEnvironment(@NonNull Run<?, ?> run, @NonNull EnvVars env) {
        variables.forEach(env::put);
    }

    @Override
    public void foldIntoExisting(Queue.Item item, Queue.Task owner, List<Action> otherActions) {
        item.replaceAction(this);
    }

    /** True when the new item's push is of another ref than this queued one's: it must not be folded into it. */
    @Override
    public boolean shouldSchedule(List<Action> actions) {
        String ref = variables.get(PushVariables.REF);
        return actions.stream().filter(WebhookEnvironmentAction.class::isInstance)
                .map(a -> ((WebhookEnvironmentAction) a).variables.get(PushVariables.REF)).anyMatch(other -> !Objects.equals(other, ref));
    }

    @Override
    public String getIconFileName() {
        return null;
    }

    @Override
    public String getDisplayName() {
        return null;
    }

    @Override
    public String getUrlName() {
        return null;
    }
}
