package hudson.model;

import java.io.IOException;

/** Stub of jenkins-2.479.3 {@code hudson.model.AsyncPeriodicWork}: {@code doRun()} is final and runs {@link #execute} on another thread. */
public abstract class AsyncPeriodicWork extends PeriodicWork {
    public final String name;

    protected AsyncPeriodicWork(String name) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public final void doRun() {
        throw new UnsupportedOperationException("stub");
    }

    protected abstract void execute(TaskListener listener) throws IOException, InterruptedException;
}
