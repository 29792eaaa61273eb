package jenkins.branch;

import hudson.model.Descriptor;

/** Stub of branch-api {@code jenkins.branch.MultiBranchProjectFactoryDescriptor}, without members. */
public abstract class MultiBranchProjectFactoryDescriptor extends Descriptor<MultiBranchProjectFactory> {
    protected MultiBranchProjectFactoryDescriptor() {
        throw new UnsupportedOperationException("stub");
    }
}
