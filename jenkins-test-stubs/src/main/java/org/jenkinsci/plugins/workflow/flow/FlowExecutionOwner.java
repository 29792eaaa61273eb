package org.jenkinsci.plugins.workflow.flow;

import hudson.model.Queue;
import java.io.Serializable;

/** Stub of workflow-api {@code org.jenkinsci.plugins.workflow.flow.FlowExecutionOwner}: only {@link Executable}. */
public abstract class FlowExecutionOwner implements Serializable {
    /** Stub of workflow-api {@code org.jenkinsci.plugins.workflow.flow.FlowExecutionOwner.Executable}, without members. */
    public interface Executable extends Queue.Executable {
    }
}
