package hudson;

/** Stub of jenkins-2.479.3 {@code hudson.ExtensionPoint} (marker). */
public interface ExtensionPoint {
}
