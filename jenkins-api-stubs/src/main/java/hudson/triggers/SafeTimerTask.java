package hudson.triggers;

import java.util.TimerTask;

/** Stub of jenkins-2.479.3 {@code hudson.triggers.SafeTimerTask}: {@code run()} is final and calls {@link #doRun()}. */
public abstract class SafeTimerTask extends TimerTask {
    @Override
    public final void run() {
        throw new UnsupportedOperationException("stub");
    }

    protected abstract void doRun() throws Exception;
}
