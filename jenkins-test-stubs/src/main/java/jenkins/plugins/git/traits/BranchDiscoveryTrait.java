package jenkins.plugins.git.traits;

import jenkins.scm.api.trait.SCMSourceTrait;
import org.kohsuke.stapler.DataBoundConstructor;

/** Stub of git plugin {@code jenkins.plugins.git.traits.BranchDiscoveryTrait}: without it a git source finds no branch. */
public class BranchDiscoveryTrait extends SCMSourceTrait {
    @DataBoundConstructor
    public BranchDiscoveryTrait() {
        throw new UnsupportedOperationException("stub");
    }
}
