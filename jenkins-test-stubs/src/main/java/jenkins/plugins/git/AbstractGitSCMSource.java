package jenkins.plugins.git;

import jenkins.scm.api.SCMSource;

/** Stub of git plugin {@code jenkins.plugins.git.AbstractGitSCMSource}, without members. */
public abstract class AbstractGitSCMSource extends SCMSource {
    public AbstractGitSCMSource() {
        throw new UnsupportedOperationException("stub");
    }
}
