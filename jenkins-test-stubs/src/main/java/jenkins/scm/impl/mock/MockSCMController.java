package jenkins.scm.impl.mock;

import java.io.Closeable;
import java.io.IOException;

/** Stub of scm-api's test {@code jenkins.scm.impl.mock.MockSCMController}: repositories, branches and files in memory. */
public class MockSCMController implements Closeable {
    private MockSCMController() {
        throw new UnsupportedOperationException("stub");
    }

    public static MockSCMController create() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public void close() {
        throw new UnsupportedOperationException("stub");
    }

    public synchronized void createRepository(String name) throws IOException {
        throw new UnsupportedOperationException("stub");
    }

    public synchronized String getRevision(String repository, String branch) throws IOException {
        throw new UnsupportedOperationException("stub");
    }

    public synchronized void addFile(String repository, String branchOrCR, String message, String path, byte[] content)
            throws IOException {
        throw new UnsupportedOperationException("stub");
    }
}
