package org.jenkinsci.plugins.workflow.steps;

import hudson.model.Descriptor;
import java.util.Set;

/** Stub of workflow-step-api 704.ve4f0967e98fa_ {@code StepDescriptor}. */
public abstract class StepDescriptor extends Descriptor<Step> {
    public abstract Set<? extends Class<?>> getRequiredContext();

    public abstract String getFunctionName();

    public boolean takesImplicitBlockArgument() {
        throw new UnsupportedOperationException("stub");
    }

    public boolean isAdvanced() {
        throw new UnsupportedOperationException("stub");
    }
}
