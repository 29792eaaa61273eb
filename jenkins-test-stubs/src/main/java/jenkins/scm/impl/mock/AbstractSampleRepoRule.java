package jenkins.scm.impl.mock;

import org.junit.rules.ExternalResource;

/** Stub of scm-api's test {@code jenkins.scm.impl.mock.AbstractSampleRepoRule}, without members. */
public abstract class AbstractSampleRepoRule extends ExternalResource {
    protected AbstractSampleRepoRule() {
        throw new UnsupportedOperationException("stub");
    }
}
