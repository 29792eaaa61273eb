package jenkins.scm.api;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.model.Cause;

/** Stub of scm-api {@code jenkins.scm.api.SCMEvent}: its type, payload, and the causes of the builds it starts. */
public abstract class SCMEvent<P> {
    public SCMEvent(@NonNull Type type, long timestamp, @NonNull P payload, @CheckForNull String origin) {
        throw new UnsupportedOperationException("stub");
    }

    @NonNull
    public Type getType() {
        throw new UnsupportedOperationException("stub");
    }

    @NonNull
    public P getPayload() {
        throw new UnsupportedOperationException("stub");
    }

    @CheckForNull
    public String description() {
        throw new UnsupportedOperationException("stub");
    }

    @NonNull
    public Cause[] asCauses() {
        throw new UnsupportedOperationException("stub");
    }

    public enum Type {
        CREATED,
        UPDATED,
        REMOVED
    }
}
