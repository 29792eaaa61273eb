package hudson.model;

import edu.umd.cs.findbugs.annotations.NonNull;
import java.io.Serializable;
import org.kohsuke.stapler.export.CustomExportedBean;

/**
 * Stub of jenkins-2.479.3 {@code hudson.model.Result}. Its real constructor is private and takes a {@code BallColor},
 * which is not stubbed; the private one here only keeps javac from adding a public default constructor.
 */
public final class Result implements Serializable, CustomExportedBean {
    public static final @NonNull Result SUCCESS = null;
    public static final @NonNull Result UNSTABLE = null;
    public static final @NonNull Result FAILURE = null;
    public static final @NonNull Result NOT_BUILT = null;
    public static final @NonNull Result ABORTED = null;

    private Result() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public @NonNull String toString() {
        throw new UnsupportedOperationException("stub");
    }
}
