package jenkins.scm.api;

import hudson.model.Descriptor;
import org.jenkins.ui.icon.IconSpec;

/** Stub of scm-api {@code jenkins.scm.api.SCMNavigatorDescriptor}, without members (a type of {@code OrganizationFolder.getNavigators()}). */
public abstract class SCMNavigatorDescriptor extends Descriptor<SCMNavigator> implements IconSpec {
    protected SCMNavigatorDescriptor() {
        throw new UnsupportedOperationException("stub");
    }
}
