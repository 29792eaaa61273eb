package jenkins.util;

import edu.umd.cs.findbugs.annotations.NonNull;
import java.util.concurrent.ScheduledExecutorService;

/** Stub of jenkins-2.479.3 {@code jenkins.util.Timer}: Jenkins' shared scheduled executor. */
public class Timer {
    private Timer() {
        throw new UnsupportedOperationException("stub");
    }

    @NonNull
    public static synchronized ScheduledExecutorService get() {
        throw new UnsupportedOperationException("stub");
    }
}
