package org.jvnet.hudson.test;

import hudson.EnvVars;
import hudson.tasks.Builder;

/** Stub of jenkins-test-harness {@code org.jvnet.hudson.test.CaptureEnvironmentBuilder}: the captured variables. */
public class CaptureEnvironmentBuilder extends Builder {
    public EnvVars getEnvVars() {
        throw new UnsupportedOperationException("stub");
    }
}
