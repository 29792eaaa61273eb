package hudson.model;

import hudson.tasks.Builder;
import hudson.tasks.Maven.ProjectWithMaven;
import hudson.util.DescribableList;
import jenkins.triggers.SCMTriggerItem;

/** Stub of jenkins-2.479.3 {@code hudson.model.Project}: the builders. */
public abstract class Project<P extends Project<P, B>, B extends Build<P, B>>
        extends AbstractProject<P, B> implements SCMTriggerItem, Saveable, ProjectWithMaven, BuildableItemWithBuildWrappers {
    public Project(ItemGroup parent, String name) {
        super(parent, name);
        throw new UnsupportedOperationException("stub");
    }

    public DescribableList<Builder, Descriptor<Builder>> getBuildersList() {
        throw new UnsupportedOperationException("stub");
    }
}
