package jenkins.scm.api;

import hudson.ExtensionPoint;
import hudson.model.AbstractDescribableImpl;

/** Stub of scm-api {@code jenkins.scm.api.SCMSource}, without members (the type of a branch source). */
public abstract class SCMSource extends AbstractDescribableImpl<SCMSource> implements ExtensionPoint {
    protected SCMSource() {
        throw new UnsupportedOperationException("stub");
    }
}
