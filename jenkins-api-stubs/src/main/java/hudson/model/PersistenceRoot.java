package hudson.model;

/** Stub of jenkins-2.479.3 {@code hudson.model.PersistenceRoot}, without members. */
public interface PersistenceRoot extends Saveable {
}
