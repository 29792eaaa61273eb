package hudson.model;

/** Stub of jenkins-2.479.3 {@code hudson.model.ModifiableViewGroup}, without members. */
public interface ModifiableViewGroup extends ViewGroup {
}
