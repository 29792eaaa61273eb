package hudson.model;

import hudson.Extension;
import jenkins.model.Jenkins;
import org.jenkinsci.Symbol;

/** Stub of jenkins-2.479.3 {@code hudson.model.FreeStyleProject}. */
public class FreeStyleProject extends Project<FreeStyleProject, FreeStyleBuild> implements TopLevelItem {
    @Deprecated
    public FreeStyleProject(Jenkins parent, String name) {
        super(parent, name);
        throw new UnsupportedOperationException("stub");
    }

    public FreeStyleProject(ItemGroup parent, String name) {
        super(parent, name);
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public DescriptorImpl getDescriptor() {
        throw new UnsupportedOperationException("stub");
    }

    /** Stub of jenkins-2.479.3 {@code hudson.model.FreeStyleProject.DescriptorImpl}, without members. */
    @Extension(ordinal = 1000)
    @Symbol({"freeStyle", "freeStyleJob"})
    public static class DescriptorImpl extends AbstractProjectDescriptor {
        public DescriptorImpl() {
            throw new UnsupportedOperationException("stub");
        }
    }
}
