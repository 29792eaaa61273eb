package hudson.model;

/** Stub of jenkins-2.479.3 {@code hudson.model.Saveable}, without members. */
public interface Saveable {
}
