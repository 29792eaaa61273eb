package hudson.util;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import java.io.Serializable;

/** Stub of jenkins-2.479.3 {@code hudson.util.Secret}. */
public final class Secret implements Serializable {
    Secret(String value) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    @Deprecated
    public String toString() {
        throw new UnsupportedOperationException("stub");
    }

    @NonNull
    public String getPlainText() {
        throw new UnsupportedOperationException("stub");
    }

    @NonNull
    public static Secret fromString(@CheckForNull String data) {
        throw new UnsupportedOperationException("stub");
    }

    @NonNull
    public static String toString(@CheckForNull Secret s) {
        throw new UnsupportedOperationException("stub");
    }
}
