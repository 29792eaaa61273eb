package hudson.model;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.model.queue.SubTask;
import java.util.List;
import jenkins.console.WithConsoleUrl;
import jenkins.model.queue.QueueItem;
import org.kohsuke.stapler.export.Exported;
import org.kohsuke.stapler.export.ExportedBean;

/**
 * Stub of jenkins-2.479.3 {@code hudson.model.Queue} and the nested types the plugin uses. Its real constructor takes a
 * {@code LoadBalancer}, which is not stubbed; the private one here only keeps javac from adding a public
 * default constructor.
 */
@ExportedBean
public class Queue extends ResourceController implements Saveable {
    private Queue() {
        throw new UnsupportedOperationException("stub");
    }

    @Exported(inline = true)
    public Item[] getItems() {
        throw new UnsupportedOperationException("stub");
    }

    /** Stub of jenkins-2.479.3 {@code hudson.model.Queue.Task}, without members. */
    public interface Task extends ModelObject, SubTask {
    }

    /** Stub of jenkins-2.479.3 {@code hudson.model.Queue.FlyweightTask}, without members. */
    public interface FlyweightTask extends Task {
    }

    /** Stub of jenkins-2.479.3 {@code hudson.model.Queue.Executable}, without members. */
    public interface Executable extends Runnable, WithConsoleUrl {
    }

    /** Stub of jenkins-2.479.3 {@code hudson.model.Queue.QueueAction}. */
    public interface QueueAction extends Action {
        boolean shouldSchedule(List<Action> actions);
    }

    /** Stub of jenkins-2.479.3 {@code hudson.model.Queue.Item}. */
    @ExportedBean(defaultVisibility = 999)
    public abstract static class Item extends Actionable implements QueueItem {
        @Exported
        @NonNull
        public final Task task;

        protected Item(Item item) {
            throw new UnsupportedOperationException("stub");
        }

        public final List<Cause> getCauses() {
            throw new UnsupportedOperationException("stub");
        }
    }
}
