package hudson;

import java.io.File;

/** Stub of jenkins-2.479.3 {@code hudson.XmlFile}: only the type, as the argument of {@code SaveableListener.onChange}. */
public final class XmlFile {
    public XmlFile(File file) {
        throw new UnsupportedOperationException("stub");
    }
}
