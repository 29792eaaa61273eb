package hudson;

import java.io.IOException;

/** Stub of jenkins-2.479.3 {@code hudson.AbortException}: fails a build or step with its message and no stack trace. */
public class AbortException extends IOException {
    private static final long serialVersionUID = 1L;

    public AbortException() {
        throw new UnsupportedOperationException("stub");
    }

    public AbortException(String message) {
        throw new UnsupportedOperationException("stub");
    }
}
