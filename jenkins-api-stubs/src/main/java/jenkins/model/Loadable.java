package jenkins.model;

/** Stub of jenkins-2.479.3 {@code jenkins.model.Loadable}, without members. */
public interface Loadable {
}
