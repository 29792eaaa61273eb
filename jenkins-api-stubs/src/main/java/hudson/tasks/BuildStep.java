package hudson.tasks;

/** Stub of jenkins-2.479.3 {@code hudson.tasks.BuildStep}, without members. */
public interface BuildStep {
}
