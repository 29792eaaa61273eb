package org.jenkinsci.plugins.workflow.cps;

import org.jenkinsci.plugins.workflow.flow.FlowDefinition;
import org.kohsuke.stapler.DataBoundConstructor;

/** Stub of workflow-cps {@code org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition}. */
public class CpsFlowDefinition extends FlowDefinition {
    @DataBoundConstructor
    public CpsFlowDefinition(String script, boolean sandbox) {
        throw new UnsupportedOperationException("stub");
    }

    public String getScript() {
        throw new UnsupportedOperationException("stub");
    }

    public boolean isSandbox() {
        throw new UnsupportedOperationException("stub");
    }
}
