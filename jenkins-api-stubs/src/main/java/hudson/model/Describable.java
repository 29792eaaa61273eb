package hudson.model;

/** Stub of jenkins-2.479.3 {@code hudson.model.Describable}. */
public interface Describable<T extends Describable<T>> {
    Descriptor<T> getDescriptor();
}
