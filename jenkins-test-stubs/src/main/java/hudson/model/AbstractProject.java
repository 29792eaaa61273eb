package hudson.model;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.model.queue.QueueTaskFuture;
import hudson.triggers.Trigger;
import hudson.triggers.TriggerDescriptor;
import java.io.IOException;
import java.util.Map;
import jenkins.model.ParameterizedJobMixIn;
import jenkins.model.lazy.LazyBuildMixIn;

/**
 * Stub of jenkins-2.479.3 {@code hudson.model.AbstractProject}: triggers, quiet period, scheduling and the builds.
 * {@code @WithBridgeMethods(Future.class)} on {@code scheduleBuild2(int)} is left out (bridge-method-annotation).
 */
public abstract class AbstractProject<P extends AbstractProject<P, R>, R extends AbstractBuild<P, R>> extends Job<P, R>
        implements BuildableItem, LazyBuildMixIn.LazyLoadingJob<P, R>, ParameterizedJobMixIn.ParameterizedJob<P, R> {
    protected AbstractProject(ItemGroup parent, String name) {
        super(parent, name);
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public synchronized void save() throws IOException {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public int getQuietPeriod() {
        throw new UnsupportedOperationException("stub");
    }

    public void setQuietPeriod(Integer seconds) throws IOException {
        throw new UnsupportedOperationException("stub");
    }

    public QueueTaskFuture<R> scheduleBuild2(int quietPeriod) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public QueueTaskFuture<R> scheduleBuild2(int quietPeriod, Action... actions) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public R getBuildByNumber(int n) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    @CheckForNull
    public R getLastBuild() {
        throw new UnsupportedOperationException("stub");
    }

    public void addTrigger(Trigger<?> trigger) throws IOException {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public Map<TriggerDescriptor, Trigger<?>> getTriggers() {
        throw new UnsupportedOperationException("stub");
    }

    /** Stub of jenkins-2.479.3 {@code hudson.model.AbstractProject.AbstractProjectDescriptor}, without members. */
    public abstract static class AbstractProjectDescriptor extends TopLevelItemDescriptor {
    }
}
