package hudson.util;

import hudson.model.Saveable;
import java.util.AbstractList;

/** Stub of jenkins-2.479.3 {@code hudson.util.PersistedList}: the list view only. */
public class PersistedList<T> extends AbstractList<T> {
    public PersistedList(Saveable owner) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public T get(int index) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public int size() {
        throw new UnsupportedOperationException("stub");
    }
}
