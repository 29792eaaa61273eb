package hudson.model;

/** Stub of jenkins-2.479.3 {@code hudson.model.ModelObject}. */
public interface ModelObject {
    String getDisplayName();
}
