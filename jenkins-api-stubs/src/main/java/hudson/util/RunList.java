package hudson.util;

import hudson.model.Run;
import java.util.AbstractList;

/** Stub of jenkins-2.479.3 {@code hudson.util.RunList}: the list view only. */
public class RunList<R extends Run> extends AbstractList<R> {
    public RunList() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public R get(int index) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public int size() {
        throw new UnsupportedOperationException("stub");
    }
}
