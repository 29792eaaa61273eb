package jenkins.branch;

import hudson.ExtensionPoint;
import hudson.model.AbstractDescribableImpl;

/** Stub of branch-api {@code jenkins.branch.MultiBranchProjectFactory}, without members (an organization folder's project factory). */
public abstract class MultiBranchProjectFactory extends AbstractDescribableImpl<MultiBranchProjectFactory>
        implements ExtensionPoint {
    /** Stub of {@code MultiBranchProjectFactory.BySCMSourceCriteria}, without members. */
    public abstract static class BySCMSourceCriteria extends MultiBranchProjectFactory {
    }
}
