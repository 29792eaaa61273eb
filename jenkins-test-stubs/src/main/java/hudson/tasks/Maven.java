package hudson.tasks;

/**
 * Stub of jenkins-2.479.3 {@code hudson.tasks.Maven}, only for {@link ProjectWithMaven}, a supertype of
 * {@code Project}. Its real constructors take types that are not stubbed; the private one here only keeps
 * javac from adding a public default constructor.
 */
public class Maven extends Builder {
    private Maven() {
        throw new UnsupportedOperationException("stub");
    }

    /** Stub of jenkins-2.479.3 {@code hudson.tasks.Maven.ProjectWithMaven}, without members. */
    public interface ProjectWithMaven {
    }
}
