package jenkins.scm.api;

import hudson.ExtensionPoint;
import hudson.model.AbstractDescribableImpl;

/** Stub of scm-api {@code jenkins.scm.api.SCMNavigator}, without members (an event's {@code isMatch} names it). */
public abstract class SCMNavigator extends AbstractDescribableImpl<SCMNavigator> implements ExtensionPoint {
    protected SCMNavigator() {
        throw new UnsupportedOperationException("stub");
    }
}
