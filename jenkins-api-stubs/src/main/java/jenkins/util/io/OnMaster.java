package jenkins.util.io;

/** Stub of jenkins-2.479.3 {@code jenkins.util.io.OnMaster} (marker). */
public interface OnMaster {
}
