package jenkins.branch;

import com.cloudbees.hudson.plugins.folder.computed.ComputedFolder;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.model.ItemGroup;
import hudson.model.Job;
import hudson.model.Run;
import hudson.model.TopLevelItem;
import hudson.util.PersistedList;
import java.util.List;
import jenkins.scm.api.SCMSource;
import jenkins.scm.api.SCMSourceOwner;
import org.jenkins.ui.icon.IconSpec;

/** Stub of branch-api {@code jenkins.branch.MultiBranchProject}: its sources, and finding a branch's job by the branch's name. */
public abstract class MultiBranchProject<P extends Job<P, R> & TopLevelItem, R extends Run<P, R>>
        extends ComputedFolder<P> implements SCMSourceOwner, IconSpec {
    protected MultiBranchProject(ItemGroup parent, String name) {
        super(parent, name);
        throw new UnsupportedOperationException("stub");
    }

    @NonNull
    public PersistedList<BranchSource> getSourcesList() {
        throw new UnsupportedOperationException("stub");
    }

    @NonNull
    public List<SCMSource> getSCMSources() {
        throw new UnsupportedOperationException("stub");
    }

    @CheckForNull
    public P getItemByBranchName(@NonNull String branchName) {
        throw new UnsupportedOperationException("stub");
    }
}
