package jenkins.model;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.model.Action;
import hudson.model.BuildableItem;
import hudson.model.Job;
import hudson.model.Queue;
import hudson.model.Run;
import hudson.model.queue.QueueTaskFuture;
import hudson.triggers.Trigger;
import jenkins.triggers.TriggeredItem;

/** Stub of jenkins-2.479.3 {@code jenkins.model.ParameterizedJobMixIn}: the static helpers and {@link ParameterizedJob}. */
public abstract class ParameterizedJobMixIn<JobT extends Job<JobT, RunT> & ParameterizedJobMixIn.ParameterizedJob<JobT, RunT> & Queue.Task, RunT extends Run<JobT, RunT> & Queue.Executable> {
    public static @CheckForNull Queue.Item scheduleBuild2(final Job<?, ?> job, int quietPeriod, Action... actions) {
        throw new UnsupportedOperationException("stub");
    }

    public static @CheckForNull <T extends Trigger<?>> T getTrigger(Job<?, ?> job, Class<T> clazz) {
        throw new UnsupportedOperationException("stub");
    }

    /** Stub of jenkins-2.479.3 {@code jenkins.model.ParameterizedJobMixIn.ParameterizedJob}. */
    public interface ParameterizedJob<JobT extends Job<JobT, RunT> & ParameterizedJobMixIn.ParameterizedJob<JobT, RunT> & Queue.Task, RunT extends Run<JobT, RunT> & Queue.Executable> extends BuildableItem, TriggeredItem {
        @CheckForNull
        default QueueTaskFuture<RunT> scheduleBuild2(int quietPeriod, Action... actions) {
            throw new UnsupportedOperationException("stub");
        }

        default int getQuietPeriod() {
            throw new UnsupportedOperationException("stub");
        }

        default boolean isDisabled() {
            throw new UnsupportedOperationException("stub");
        }

        default boolean isBuildable() {
            throw new UnsupportedOperationException("stub");
        }
    }
}
