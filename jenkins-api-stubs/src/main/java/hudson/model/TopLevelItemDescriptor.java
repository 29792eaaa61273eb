package hudson.model;

/** Stub of jenkins-2.479.3 {@code hudson.model.TopLevelItemDescriptor}, without members. */
public abstract class TopLevelItemDescriptor extends Descriptor<TopLevelItem> {
    protected TopLevelItemDescriptor() {
        throw new UnsupportedOperationException("stub");
    }
}
