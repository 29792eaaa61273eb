package io.jenkins.plugins.signedwebhook.receiver.store;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A JUnit 5 extension giving each test an empty database on a real PostgreSQL server: one {@link PostgresServer} for
 * the whole test run, started by the first class that registers this and stopped when the run ends.
 *
 * <pre>{@code @RegisterExtension static final PostgresDatabase PG = new PostgresDatabase();}</pre>
 */
public final class PostgresDatabase implements BeforeAllCallback, BeforeEachCallback {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(PostgresDatabase.class);
    private PostgresServer server;
    private String url;

    @Override
    public void beforeAll(ExtensionContext context) {
        server = context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent("server", key -> {
            try {
                return new Running(PostgresServer.start());
            } catch (Exception e) {
                throw new IllegalStateException("cannot start PostgreSQL for the tests: " + e.getMessage(), e);
            }
        }, Running.class).server();
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        url = server.newDatabase();
    }

    /** The server, to stop and start again in a test (it must be started again before the test ends). */
    public PostgresServer server() {
        return server;
    }

    /** The URL of this test's empty database. */
    public String url() {
        return url;
    }

    /** Stopped, with its directory removed, when the root context closes: once all the run's tests are done. */
    private record Running(PostgresServer server) implements AutoCloseable {
        @Override
        public void close() throws Exception {
            server.close();
        }
    }
}
