package hudson.model.queue;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.model.Queue.Task;
import org.springframework.security.core.Authentication;

/** Stub of jenkins-2.479.3 {@code hudson.model.queue.Tasks}: {@code getAuthenticationOf2} only. */
public class Tasks {
    public static @NonNull Authentication getAuthenticationOf2(@NonNull Task t) {
        throw new UnsupportedOperationException("stub");
    }
}
