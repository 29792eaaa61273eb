package jenkins.scm.api;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.scm.SCM;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Stub of scm-api {@code jenkins.scm.api.SCMHeadEvent}: what an event concerns, and firing it. */
public abstract class SCMHeadEvent<P> extends SCMEvent<P> {
    public SCMHeadEvent(@NonNull Type type, long timestamp, @NonNull P payload, @CheckForNull String origin) {
        super(type, timestamp, payload, origin);
        throw new UnsupportedOperationException("stub");
    }

    public abstract boolean isMatch(@NonNull SCMNavigator navigator);

    @NonNull
    public abstract String getSourceName();

    public boolean isMatch(@NonNull SCMSource source) {
        throw new UnsupportedOperationException("stub");
    }

    @NonNull
    public abstract Map<SCMHead, SCMRevision> heads(@NonNull SCMSource source);

    public abstract boolean isMatch(@NonNull SCM scm);

    public static void fireNow(@NonNull final SCMHeadEvent<?> event) {
        throw new UnsupportedOperationException("stub");
    }

    public static void fireLater(@NonNull final SCMHeadEvent<?> event, long delay, TimeUnit delayUnits) {
        throw new UnsupportedOperationException("stub");
    }
}
