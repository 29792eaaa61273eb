package jenkins.plugins.git;

import java.util.List;
import jenkins.scm.api.trait.SCMSourceTrait;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/** Stub of git plugin {@code jenkins.plugins.git.GitSCMSource}: a source from a remote's URL, and its traits. */
public class GitSCMSource extends AbstractGitSCMSource {
    @DataBoundConstructor
    public GitSCMSource(String remote) {
        throw new UnsupportedOperationException("stub");
    }

    @DataBoundSetter
    public void setTraits(List<SCMSourceTrait> traits) {
        throw new UnsupportedOperationException("stub");
    }
}
