package org.jvnet.hudson.test.junit.jupiter;

import java.io.File;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.jvnet.hudson.test.JenkinsRule;

/** Stub of jenkins-test-harness {@code org.jvnet.hudson.test.junit.jupiter.JenkinsSessionExtension}. */
public class JenkinsSessionExtension implements BeforeEachCallback, AfterEachCallback {
    public File getHome() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public void afterEach(ExtensionContext context) {
        throw new UnsupportedOperationException("stub");
    }

    /** Stub of jenkins-test-harness {@code org.jvnet.hudson.test.junit.jupiter.JenkinsSessionExtension.Step}. */
    @FunctionalInterface
    public interface Step {
        void run(JenkinsRule r) throws Throwable;
    }

    public void then(Step s) throws Throwable {
        throw new UnsupportedOperationException("stub");
    }
}
