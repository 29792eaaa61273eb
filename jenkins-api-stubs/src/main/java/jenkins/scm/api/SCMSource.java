package jenkins.scm.api;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.ExtensionPoint;
import hudson.model.AbstractDescribableImpl;
import hudson.model.TaskListener;
import java.io.IOException;

/** Stub of scm-api {@code jenkins.scm.api.SCMSource}: its id, owner, and naming one head's current revision. */
public abstract class SCMSource extends AbstractDescribableImpl<SCMSource> implements ExtensionPoint {
    protected SCMSource() {
        throw new UnsupportedOperationException("stub");
    }

    @NonNull
    public final String getId() {
        throw new UnsupportedOperationException("stub");
    }

    @CheckForNull
    public final synchronized SCMSourceOwner getOwner() {
        throw new UnsupportedOperationException("stub");
    }

    @CheckForNull
    public final SCMRevision fetch(@NonNull String thingName, @CheckForNull TaskListener listener)
            throws IOException, InterruptedException {
        throw new UnsupportedOperationException("stub");
    }
}
