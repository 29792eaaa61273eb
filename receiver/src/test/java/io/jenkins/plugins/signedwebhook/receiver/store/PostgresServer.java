package io.jenkins.plugins.signedwebhook.receiver.store;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * A real PostgreSQL 15 server for tests: its own cluster in a temporary directory, on a free 127.0.0.1 port, run as
 * the {@code postgres} user when the tests run as root ({@code initdb} refuses root), stopped by {@link #close}.
 */
public final class PostgresServer implements AutoCloseable {
    public static final Path BIN = Path.of("/usr/lib/postgresql/15/bin");
    public static final String USER = "hooks";
    public static final String PASSWORD = "s3cret-pg-password";
    private final Path dir;
    private final int port;
    private int databases;

    private PostgresServer(Path dir, int port) {
        this.dir = dir;
        this.port = port;
    }

    public static PostgresServer start() throws Exception {
        if (!Files.isExecutable(BIN.resolve("initdb"))) {
            throw new IllegalStateException(BIN + "/initdb is missing: install the postgresql package (.ci/run does)");
        }
        Path dir = Files.createTempDirectory("pg-test");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
        Path pwfile = dir.resolve("pwfile");
        Files.writeString(pwfile, PASSWORD + "\n");
        Files.setPosixFilePermissions(pwfile, PosixFilePermissions.fromString("rw-r--r--"));
        run(List.of(BIN.resolve("initdb").toString(), "-D", dir.resolve("data").toString(), "-U", USER,
                "--pwfile=" + pwfile, "-A", "scram-sha-256", "--no-sync", "-E", "UTF8"), dir);
        PostgresServer server = new PostgresServer(dir, freePort());
        server.startServer();
        return server;
    }

    /** Starts (again) the server on its directory and port, and waits until it takes connections. */
    public void startServer() throws Exception {
        run(List.of(BIN.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-l",
                dir.resolve("log").toString(), "-w", "-t", "60", "-o",
                "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=50",
                "start"), dir);
    }

    /** Stops the server now (open connections are cut, as an outage cuts them). */
    public void stopServer() throws Exception {
        run(List.of(BIN.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-m", "immediate", "-w",
                "stop"), dir);
    }

    public int port() {
        return port;
    }

    /** A new empty database, with its URL. */
    public String newDatabase() throws SQLException {
        String name = "hooks" + (++databases);
        try (Connection c = connect("postgres"); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        }
        return url(name);
    }

    public String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    public Connection connect(String database) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", USER);
        p.setProperty("password", PASSWORD);
        return DriverManager.getConnection(url(database), p);
    }

    public Connection connectUrl(String url) throws SQLException {
        return connect(url.substring(url.lastIndexOf('/') + 1));
    }

    @Override
    public void close() throws Exception {
        try {
            stopServer();
        } finally {
            run(List.of("rm", "-rf", dir.toString()), dir.getParent());
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static void run(List<String> command, Path cwd) throws Exception {
        List<String> full = new ArrayList<>();
        if ("root".equals(System.getProperty("user.name")) && !command.get(0).equals("rm")) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(command);
        Process p = new ProcessBuilder(full).directory(cwd.toFile()).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + new String(out));
        }
    }
}
