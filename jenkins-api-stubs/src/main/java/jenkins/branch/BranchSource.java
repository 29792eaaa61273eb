package jenkins.branch;

import hudson.model.AbstractDescribableImpl;
import jenkins.scm.api.SCMSource;
import org.kohsuke.stapler.DataBoundConstructor;

/** Stub of branch-api {@code jenkins.branch.BranchSource}: the constructor a test adds a source with. */
public class BranchSource extends AbstractDescribableImpl<BranchSource> {
    @DataBoundConstructor
    public BranchSource(SCMSource source) {
        throw new UnsupportedOperationException("stub");
    }

    public SCMSource getSource() {
        throw new UnsupportedOperationException("stub");
    }
}
