package hudson;

import edu.umd.cs.findbugs.annotations.NonNull;
import java.util.AbstractList;
import jenkins.model.Jenkins;
import jenkins.util.io.OnMaster;

/** Stub of jenkins-2.479.3 {@code hudson.ExtensionList}. */
public class ExtensionList<T> extends AbstractList<T> implements OnMaster {
    protected ExtensionList(Jenkins jenkins, Class<T> extensionType) {
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

    public static @NonNull <T> ExtensionList<T> lookup(Class<T> type) {
        throw new UnsupportedOperationException("stub");
    }

    public static @NonNull <U> U lookupSingleton(Class<U> type) {
        throw new UnsupportedOperationException("stub");
    }

    public static @NonNull <U> U lookupFirst(Class<U> type) {
        throw new UnsupportedOperationException("stub");
    }
}
