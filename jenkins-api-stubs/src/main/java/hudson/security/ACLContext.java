package hudson.security;

import edu.umd.cs.findbugs.annotations.NonNull;
import org.springframework.security.core.context.SecurityContext;

/** Stub of jenkins-2.479.3 {@code hudson.security.ACLContext}. */
public class ACLContext implements AutoCloseable {
    ACLContext(@NonNull SecurityContext previousContext) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public void close() {
        throw new UnsupportedOperationException("stub");
    }
}
