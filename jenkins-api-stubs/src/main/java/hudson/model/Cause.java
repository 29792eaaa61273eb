package hudson.model;

import edu.umd.cs.findbugs.annotations.NonNull;
import org.kohsuke.stapler.export.Exported;
import org.kohsuke.stapler.export.ExportedBean;

/** Stub of jenkins-2.479.3 {@code hudson.model.Cause}. */
@ExportedBean
public abstract class Cause {
    @Exported(visibility = 3)
    public abstract String getShortDescription();

    public void onAddedTo(@NonNull Run build) {
        throw new UnsupportedOperationException("stub");
    }

    public void print(TaskListener listener) {
        throw new UnsupportedOperationException("stub");
    }
}
