package hudson.model;

/** Stub of jenkins-2.479.3 {@code hudson.model.PropertyDescriptor}, without members. */
public abstract class PropertyDescriptor<P extends Describable<P>, T> extends Descriptor<P> {
    protected PropertyDescriptor() {
        throw new UnsupportedOperationException("stub");
    }
}
