package hudson.model;

/** Stub of jenkins-2.479.3 {@code hudson.model.ReconfigurableDescribable}, without members. */
public interface ReconfigurableDescribable<T extends ReconfigurableDescribable<T>> extends Describable<T> {
}
