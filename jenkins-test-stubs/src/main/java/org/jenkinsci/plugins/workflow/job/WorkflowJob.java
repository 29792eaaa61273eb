package org.jenkinsci.plugins.workflow.job;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.model.Action;
import hudson.model.ItemGroup;
import hudson.model.Job;
import hudson.model.JobProperty;
import hudson.model.Queue;
import hudson.model.TopLevelItem;
import hudson.model.TopLevelItemDescriptor;
import hudson.model.queue.QueueTaskFuture;
import hudson.triggers.Trigger;
import hudson.triggers.TriggerDescriptor;
import java.io.IOException;
import java.util.Map;
import jenkins.model.ParameterizedJobMixIn;
import jenkins.model.lazy.LazyBuildMixIn;
import jenkins.triggers.SCMTriggerItem;
import org.jenkinsci.plugins.workflow.flow.FlowDefinition;

/** Stub of workflow-job {@code org.jenkinsci.plugins.workflow.job.WorkflowJob}. */
public final class WorkflowJob extends Job<WorkflowJob, WorkflowRun> implements LazyBuildMixIn.LazyLoadingJob<WorkflowJob, WorkflowRun>,
        ParameterizedJobMixIn.ParameterizedJob<WorkflowJob, WorkflowRun>, TopLevelItem, Queue.FlyweightTask, SCMTriggerItem {
    public WorkflowJob(ItemGroup parent, String name) {
        super(parent, name);
        throw new UnsupportedOperationException("stub");
    }

    public FlowDefinition getDefinition() {
        throw new UnsupportedOperationException("stub");
    }

    public void setDefinition(FlowDefinition definition) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public void addProperty(JobProperty jobProp) throws IOException {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public WorkflowRun getBuildByNumber(int n) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public WorkflowRun getLastBuild() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public @CheckForNull QueueTaskFuture<WorkflowRun> scheduleBuild2(int quietPeriod, Action... actions) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public int getQuietPeriod() {
        throw new UnsupportedOperationException("stub");
    }

    public void setQuietPeriod(Integer seconds) throws IOException {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public TopLevelItemDescriptor getDescriptor() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public Map<TriggerDescriptor, Trigger<?>> getTriggers() {
        throw new UnsupportedOperationException("stub");
    }
}
