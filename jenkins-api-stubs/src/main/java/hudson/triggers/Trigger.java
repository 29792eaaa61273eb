package hudson.triggers;

import java.io.ObjectStreamException;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.ExtensionPoint;
import hudson.model.Action;
import hudson.model.Describable;
import hudson.model.Item;
import java.util.Collection;

/** Stub of jenkins-2.479.3 {@code hudson.triggers.Trigger}. */
public abstract class Trigger<J extends Item> implements Describable<Trigger<?>>, ExtensionPoint {
    @CheckForNull
    protected transient J job;

    protected Trigger(@NonNull String cronTabSpec) {
        throw new UnsupportedOperationException("stub");
    }

    protected Trigger() {
        throw new UnsupportedOperationException("stub");
    }

    public void start(J project, boolean newInstance) {
        throw new UnsupportedOperationException("stub");
    }

    public void run() {
        throw new UnsupportedOperationException("stub");
    }

    public void stop() {
        throw new UnsupportedOperationException("stub");
    }

    public Collection<? extends Action> getProjectActions() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public TriggerDescriptor getDescriptor() {
        throw new UnsupportedOperationException("stub");
    }

    public final String getSpec() {
        throw new UnsupportedOperationException("stub");
    }

    protected Object readResolve() throws ObjectStreamException {
        throw new UnsupportedOperationException("stub");
    }
}
