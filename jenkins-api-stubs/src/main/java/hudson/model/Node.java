package hudson.model;

import hudson.ExtensionPoint;
import hudson.security.AccessControlled;
import jenkins.util.io.OnMaster;
import org.kohsuke.stapler.export.ExportedBean;

/** Stub of jenkins-2.479.3 {@code hudson.model.Node}: only the concrete {@code getDisplayName()} that {@code Jenkins} inherits. */
@ExportedBean
public abstract class Node extends AbstractModelObject
        implements ReconfigurableDescribable<Node>, ExtensionPoint, AccessControlled, OnMaster, PersistenceRoot {
    @Override
    public String getDisplayName() {
        throw new UnsupportedOperationException("stub");
    }
}
