package io.jenkins.plugins.signedwebhook.receiver;

import io.jenkins.plugins.signedwebhook.core.testing.Deliveries;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/** The shaded jar started as users start it, in a child JVM, for the integration tests. */
final class JarProcess {
    private static final Path JAR = Path.of("target", "signed-webhook-receiver.jar");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private JarProcess() {}

    /** {@code java -jar ... --config config} with {@code env} added, output appended to {@code log}; up when it returns. */
    static Process start(Path config, Map<String, String> env, Path log, int port) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", JAR.toAbsolutePath().toString(), "--config", config.toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(env);
        Process process = builder.start();
        TestReceiver.await(() -> {
            try {
                return get(port, "/healthz").contains("ok");
            } catch (IOException e) {
                return false;
            }
        });
        return process;
    }

    /** Kills what a test left running, the commands of the receiver included. */
    static void killLeftover(Process process) {
        if (process != null && process.isAlive()) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }

    static HttpResponse<String> post(int port, String secret, byte[] body, String delivery) throws IOException {
        return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/hooks/app"))
                .header("Content-Type", "application/json")
                .header("X-GitHub-Event", "push")
                .header("X-GitHub-Delivery", delivery)
                .header("X-Hub-Signature-256", Deliveries.sign(secret, body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build());
    }

    static String get(int port, String path) throws IOException {
        return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build()).body();
    }

    private static HttpResponse<String> send(HttpRequest request) throws IOException {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
