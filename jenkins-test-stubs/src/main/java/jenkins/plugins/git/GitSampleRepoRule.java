package jenkins.plugins.git;

import jenkins.scm.impl.mock.AbstractSampleDVCSRepoRule;

/** Stub of git plugin's test {@code jenkins.plugins.git.GitSampleRepoRule}: a local repository driven by the git command. */
public final class GitSampleRepoRule extends AbstractSampleDVCSRepoRule {
    public void git(String... cmds) throws Exception {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public void init() throws Exception {
        throw new UnsupportedOperationException("stub");
    }

    public String head() throws Exception {
        throw new UnsupportedOperationException("stub");
    }
}
