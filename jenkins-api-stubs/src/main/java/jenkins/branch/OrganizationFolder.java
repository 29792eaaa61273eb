package jenkins.branch;

import com.cloudbees.hudson.plugins.folder.computed.ComputedFolder;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.model.ItemGroup;
import hudson.util.DescribableList;
import jenkins.scm.api.SCMNavigator;
import jenkins.scm.api.SCMNavigatorDescriptor;
import jenkins.scm.api.SCMNavigatorOwner;
import org.jenkins.ui.icon.IconSpec;

/** Stub of branch-api {@code jenkins.branch.OrganizationFolder}: finding a repository's project by its name; its navigators and project factories. */
@SuppressWarnings({"unchecked", "rawtypes"})
public final class OrganizationFolder extends ComputedFolder<MultiBranchProject<?, ?>> implements SCMNavigatorOwner, IconSpec {
    public OrganizationFolder(ItemGroup parent, String name) {
        super(parent, name);
        throw new UnsupportedOperationException("stub");
    }

    @edu.umd.cs.findbugs.annotations.CheckForNull
    public MultiBranchProject<?, ?> getItemByProjectName(@NonNull String projectName) {
        throw new UnsupportedOperationException("stub");
    }

    public DescribableList<SCMNavigator, SCMNavigatorDescriptor> getNavigators() {
        throw new UnsupportedOperationException("stub");
    }

    public DescribableList<MultiBranchProjectFactory, MultiBranchProjectFactoryDescriptor> getProjectFactories() {
        throw new UnsupportedOperationException("stub");
    }
}
