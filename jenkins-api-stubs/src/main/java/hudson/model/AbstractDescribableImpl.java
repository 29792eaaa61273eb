package hudson.model;

/** Stub of jenkins-2.479.3 {@code hudson.model.AbstractDescribableImpl}. */
public abstract class AbstractDescribableImpl<T extends AbstractDescribableImpl<T>> implements Describable<T> {
    @Override
    public Descriptor<T> getDescriptor() {
        throw new UnsupportedOperationException("stub");
    }
}
