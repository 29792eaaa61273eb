package hudson.model.queue;

import hudson.model.Action;
import hudson.model.Queue;
import hudson.model.Queue.Task;
import java.util.List;

/** Stub of jenkins-2.479.3 {@code hudson.model.queue.FoldableAction}. */
public interface FoldableAction extends Action {
    void foldIntoExisting(Queue.Item item, Task owner, List<Action> otherActions);
}
