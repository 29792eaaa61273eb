package hudson;

import java.io.File;
import java.io.IOException;

/** Stub of jenkins-2.479.3 {@code hudson.XmlFile}: reading and writing one file, without the XStream overloads. */
public final class XmlFile {
    public XmlFile(File file) {
        throw new UnsupportedOperationException("stub");
    }

    public File getFile() {
        throw new UnsupportedOperationException("stub");
    }

    public Object read() throws IOException {
        throw new UnsupportedOperationException("stub");
    }

    public Object unmarshal(Object o) throws IOException {
        throw new UnsupportedOperationException("stub");
    }

    public void write(Object o) throws IOException {
        throw new UnsupportedOperationException("stub");
    }

    public boolean exists() {
        throw new UnsupportedOperationException("stub");
    }

    public String asString() throws IOException {
        throw new UnsupportedOperationException("stub");
    }
}
