package org.jenkinsci.plugins.workflow.steps;

import edu.umd.cs.findbugs.annotations.NonNull;
import java.io.Serializable;

/** Stub of workflow-step-api 704.ve4f0967e98fa_ {@code StepExecution}. */
public abstract class StepExecution implements Serializable {
    protected StepExecution(@NonNull StepContext context) {
        throw new UnsupportedOperationException("stub");
    }

    public @NonNull StepContext getContext() {
        throw new UnsupportedOperationException("stub");
    }

    public abstract boolean start() throws Exception;

    public void stop(@NonNull Throwable cause) throws Exception {
        throw new UnsupportedOperationException("stub");
    }

    public void onResume() {
        throw new UnsupportedOperationException("stub");
    }
}
