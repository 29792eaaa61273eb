package org.jenkinsci.plugins.workflow.multibranch;

import jenkins.branch.MultiBranchProjectFactory;
import org.kohsuke.stapler.DataBoundConstructor;

/** Stub of workflow-multibranch {@code WorkflowMultiBranchProjectFactory}: an organization folder's Pipeline project factory. */
public class WorkflowMultiBranchProjectFactory extends MultiBranchProjectFactory.BySCMSourceCriteria {
    @DataBoundConstructor
    public WorkflowMultiBranchProjectFactory() {
        throw new UnsupportedOperationException("stub");
    }
}
