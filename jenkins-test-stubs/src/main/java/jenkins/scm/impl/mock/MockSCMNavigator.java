package jenkins.scm.impl.mock;

import jenkins.scm.api.SCMNavigator;
import jenkins.scm.api.trait.SCMTrait;

/** Stub of scm-api's test {@code jenkins.scm.impl.mock.MockSCMNavigator}: one source per repository of a controller. */
public class MockSCMNavigator extends SCMNavigator {
    public MockSCMNavigator(MockSCMController controller, SCMTrait<?>... traits) {
        throw new UnsupportedOperationException("stub");
    }
}
