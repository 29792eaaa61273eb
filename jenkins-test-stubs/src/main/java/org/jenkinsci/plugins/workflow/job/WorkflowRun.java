package org.jenkinsci.plugins.workflow.job;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.model.Run;
import java.io.IOException;
import jenkins.model.lazy.LazyBuildMixIn;
import jenkins.scm.RunWithSCM;
import org.jenkinsci.plugins.workflow.flow.FlowExecutionOwner;

/** Stub of workflow-job {@code org.jenkinsci.plugins.workflow.job.WorkflowRun}. */
public final class WorkflowRun extends Run<WorkflowJob, WorkflowRun> implements FlowExecutionOwner.Executable,
        LazyBuildMixIn.LazyLoadingRun<WorkflowJob, WorkflowRun>, RunWithSCM<WorkflowJob, WorkflowRun> {
    public WorkflowRun(@NonNull WorkflowJob job) throws IOException {
        super(job);
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public void run() {
        throw new UnsupportedOperationException("stub");
    }
}
