package hudson.model;

import hudson.ExtensionPoint;
import hudson.util.RunList;
import java.io.IOException;
import jenkins.model.ModelObjectWithChildren;
import jenkins.widgets.HasWidgets;
import org.kohsuke.stapler.StaplerOverridable;
import org.kohsuke.stapler.export.Exported;

/** Stub of jenkins-2.479.3 {@code hudson.model.Job}: the builds, the properties and saving. */
public abstract class Job<JobT extends Job<JobT, RunT>, RunT extends Run<JobT, RunT>>
        extends AbstractItem implements ExtensionPoint, StaplerOverridable, ModelObjectWithChildren, HasWidgets {
    protected Job(ItemGroup parent, String name) {
        super(parent, name);
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public synchronized void save() throws IOException {
        throw new UnsupportedOperationException("stub");
    }

    public void addProperty(JobProperty<? super JobT> jobProp) throws IOException {
        throw new UnsupportedOperationException("stub");
    }

    @Exported(name = "allBuilds", visibility = -2)
    public RunList<RunT> getBuilds() {
        throw new UnsupportedOperationException("stub");
    }

    public RunT getBuildByNumber(int n) {
        throw new UnsupportedOperationException("stub");
    }

    @Exported
    public RunT getLastBuild() {
        throw new UnsupportedOperationException("stub");
    }
}
