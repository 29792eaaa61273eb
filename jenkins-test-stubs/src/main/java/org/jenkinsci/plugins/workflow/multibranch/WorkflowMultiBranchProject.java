package org.jenkinsci.plugins.workflow.multibranch;

import hudson.model.ItemGroup;
import jenkins.branch.MultiBranchProject;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;

/** Stub of workflow-multibranch {@code org.jenkinsci.plugins.workflow.multibranch.WorkflowMultiBranchProject}. */
@SuppressWarnings({"unchecked", "rawtypes"})
public class WorkflowMultiBranchProject extends MultiBranchProject<WorkflowJob, WorkflowRun> {
    public WorkflowMultiBranchProject(ItemGroup parent, String name) {
        super(parent, name);
        throw new UnsupportedOperationException("stub");
    }
}
