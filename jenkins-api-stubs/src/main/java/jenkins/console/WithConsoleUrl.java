package jenkins.console;

/** Stub of jenkins-2.479.3 {@code jenkins.console.WithConsoleUrl}, without members. */
public interface WithConsoleUrl {
}
