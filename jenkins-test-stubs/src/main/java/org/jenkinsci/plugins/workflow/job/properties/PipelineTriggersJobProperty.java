package org.jenkinsci.plugins.workflow.job.properties;

import hudson.model.JobProperty;
import hudson.triggers.Trigger;
import java.util.List;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.kohsuke.stapler.DataBoundConstructor;

/** Stub of workflow-job {@code org.jenkinsci.plugins.workflow.job.properties.PipelineTriggersJobProperty}. */
public class PipelineTriggersJobProperty extends JobProperty<WorkflowJob> {
    @DataBoundConstructor
    public PipelineTriggersJobProperty(List<Trigger<?>> triggers) {
        throw new UnsupportedOperationException("stub");
    }

    public List<Trigger<?>> getTriggers() {
        throw new UnsupportedOperationException("stub");
    }
}
