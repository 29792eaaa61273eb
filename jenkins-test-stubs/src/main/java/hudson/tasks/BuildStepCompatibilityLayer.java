package hudson.tasks;

/** Stub of jenkins-2.479.3 {@code hudson.tasks.BuildStepCompatibilityLayer}, without members. */
public abstract class BuildStepCompatibilityLayer implements BuildStep {
}
