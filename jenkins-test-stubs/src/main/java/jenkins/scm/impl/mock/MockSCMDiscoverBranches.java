package jenkins.scm.impl.mock;

import jenkins.scm.api.trait.SCMSourceTrait;
import org.kohsuke.stapler.DataBoundConstructor;

/** Stub of scm-api's test {@code jenkins.scm.impl.mock.MockSCMDiscoverBranches}: without it a mock source finds no branch. */
public class MockSCMDiscoverBranches extends SCMSourceTrait {
    @DataBoundConstructor
    public MockSCMDiscoverBranches() {
        throw new UnsupportedOperationException("stub");
    }
}
