package hudson.model;

import hudson.ExtensionPoint;
import hudson.tasks.BuildStep;
import org.kohsuke.stapler.export.ExportedBean;

/** Stub of jenkins-2.479.3 {@code hudson.model.JobProperty}: only the concrete {@code getDescriptor()}. */
@ExportedBean
public abstract class JobProperty<J extends Job<?, ?>> implements ReconfigurableDescribable<JobProperty<?>>, BuildStep, ExtensionPoint {
    @Override
    public JobPropertyDescriptor getDescriptor() {
        throw new UnsupportedOperationException("stub");
    }
}
