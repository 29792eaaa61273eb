package hudson.model;

/** Stub of jenkins-2.479.3 {@code hudson.model.ResourceActivity}, without members. */
public interface ResourceActivity {
}
