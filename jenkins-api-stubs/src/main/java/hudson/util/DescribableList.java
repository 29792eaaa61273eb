package hudson.util;

import hudson.model.Describable;
import hudson.model.Descriptor;
import hudson.model.Saveable;

/** Stub of jenkins-2.479.3 {@code hudson.util.DescribableList}. */
public class DescribableList<T extends Describable<T>, D extends Descriptor<T>> extends PersistedList<T> {
    public DescribableList(Saveable owner) {
        super(owner);
        throw new UnsupportedOperationException("stub");
    }
}
