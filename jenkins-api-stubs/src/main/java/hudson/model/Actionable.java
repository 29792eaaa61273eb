package hudson.model;

import edu.umd.cs.findbugs.annotations.NonNull;
import java.util.List;
import jenkins.model.ModelObjectWithContextMenu;
import org.kohsuke.stapler.export.ExportedBean;

/** Stub of jenkins-2.479.3 {@code hudson.model.Actionable}. */
@ExportedBean
public abstract class Actionable extends AbstractModelObject implements ModelObjectWithContextMenu {
    @NonNull
    public <T extends Action> List<T> getActions(Class<T> type) {
        throw new UnsupportedOperationException("stub");
    }

    public void addAction(@NonNull Action a) {
        throw new UnsupportedOperationException("stub");
    }

    public void replaceAction(@NonNull Action a) {
        throw new UnsupportedOperationException("stub");
    }

    public <T extends Action> T getAction(Class<T> type) {
        throw new UnsupportedOperationException("stub");
    }
}
