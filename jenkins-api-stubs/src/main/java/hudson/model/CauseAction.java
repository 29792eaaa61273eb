package hudson.model;

import hudson.model.Queue.Task;
import hudson.model.queue.FoldableAction;
import java.util.Collection;
import java.util.List;
import jenkins.model.RunAction2;
import org.kohsuke.stapler.export.Exported;
import org.kohsuke.stapler.export.ExportedBean;

/** Stub of jenkins-2.479.3 {@code hudson.model.CauseAction}. */
@ExportedBean
public class CauseAction implements FoldableAction, RunAction2 {
    public CauseAction(Cause c) {
        throw new UnsupportedOperationException("stub");
    }

    public CauseAction(Cause... c) {
        throw new UnsupportedOperationException("stub");
    }

    public CauseAction(Collection<? extends Cause> causes) {
        throw new UnsupportedOperationException("stub");
    }

    public CauseAction(CauseAction ca) {
        throw new UnsupportedOperationException("stub");
    }

    @Exported(visibility = 2)
    public List<Cause> getCauses() {
        throw new UnsupportedOperationException("stub");
    }

    public <T extends Cause> T findCause(Class<T> type) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public String getDisplayName() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public String getIconFileName() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public String getUrlName() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public void onLoad(Run<?, ?> owner) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public void onAttached(Run<?, ?> owner) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public void foldIntoExisting(hudson.model.Queue.Item item, Task owner, List<Action> otherActions) {
        throw new UnsupportedOperationException("stub");
    }
}
