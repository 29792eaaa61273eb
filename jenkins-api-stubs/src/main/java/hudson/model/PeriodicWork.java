package hudson.model;

import hudson.ExtensionPoint;
import hudson.triggers.SafeTimerTask;

/** Stub of jenkins-2.479.3 {@code hudson.model.PeriodicWork}; {@code MIN}, {@code HOUR}, {@code DAY} are compile-time constants there too. */
public abstract class PeriodicWork extends SafeTimerTask implements ExtensionPoint {
    protected static final long MIN = 1000 * 60;
    protected static final long HOUR = 60 * MIN;
    protected static final long DAY = 24 * HOUR;

    public abstract long getRecurrencePeriod();

    public long getInitialDelay() {
        throw new UnsupportedOperationException("stub");
    }
}
