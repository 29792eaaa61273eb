package jenkins.plugins.git;

import org.kohsuke.stapler.DataBoundConstructor;

/** Stub of git plugin {@code jenkins.plugins.git.GitSCMSource}: a source from a remote's URL. */
public class GitSCMSource extends AbstractGitSCMSource {
    @DataBoundConstructor
    public GitSCMSource(String remote) {
        throw new UnsupportedOperationException("stub");
    }
}
