package hudson.model;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.EnvVars;

/** Stub of jenkins-2.479.3 {@code hudson.model.EnvironmentContributingAction}, without the deprecated {@code AbstractBuild} variant. */
public interface EnvironmentContributingAction extends Action {
    default void buildEnvironment(@NonNull Run<?, ?> run, @NonNull EnvVars env) {
        throw new UnsupportedOperationException("stub");
    }
}
