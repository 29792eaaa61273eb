package jenkins.scm.impl.mock;

import java.io.IOException;

/** Stub of scm-api's test {@code jenkins.scm.impl.mock.AbstractSampleDVCSRepoRule}: writing a file, the repository's path. */
public abstract class AbstractSampleDVCSRepoRule extends AbstractSampleRepoRule {
    public final void write(String rel, String text) throws IOException {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public final String toString() {
        throw new UnsupportedOperationException("stub");
    }

    public abstract void init() throws Exception;
}
