package io.jenkins.plugins.signedwebhook.receiver;

import io.jenkins.plugins.signedwebhook.core.testing.Deliveries;
import io.jenkins.plugins.signedwebhook.receiver.config.ConfigLoader;
import io.jenkins.plugins.signedwebhook.receiver.config.ReceiverConfig;
import io.jenkins.plugins.signedwebhook.receiver.store.RunState;
import io.jenkins.plugins.signedwebhook.receiver.store.RunStore;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;

/** Starts a receiver on a free loopback port from YAML written by the test, and posts deliveries to it. */
final class TestReceiver implements AutoCloseable {
    static final String SECRET = "It's a Secret to Everybody";
    static final Map<String, String> ENV = Map.of("APP_HOOK_SECRET", SECRET, "CALLBACK_SECRET", "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
            "PATH", "/usr/bin:/bin", "HOME", "/nonexistent", "NOT_PASSED", "leak");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    final ReceiverConfig config;
    Receiver receiver;

    private TestReceiver(ReceiverConfig config, Receiver receiver) {
        this.config = config;
        this.receiver = receiver;
    }

    static ReceiverConfig config(Path dir, String yaml) throws Exception {
        Path file = dir.resolve("receiver.yml");
        Files.writeString(file, yaml);
        return new ConfigLoader(ENV::get).load(file);
    }

    static TestReceiver start(Path dir, String yaml) throws Exception {
        ReceiverConfig config = config(dir, yaml);
        return new TestReceiver(config, Receiver.start(config, ENV::get, Clock.systemUTC()));
    }

    /** As {@link #start(Path, String)}, with {@code more} variables in the environment (a database password, say). */
    static TestReceiver start(Path dir, String yaml, Map<String, String> more) throws Exception {
        return start(dir, yaml, more, Clock.systemUTC());
    }

    /** As {@link #start(Path, String, Map)}, on {@code clock} (one set wrong, say). */
    static TestReceiver start(Path dir, String yaml, Map<String, String> more, Clock clock) throws Exception {
        Map<String, String> env = new java.util.HashMap<>(ENV);
        env.putAll(more);
        Path file = dir.resolve("receiver.yml");
        Files.writeString(file, yaml);
        ReceiverConfig config = new ConfigLoader(env::get).load(file);
        return new TestReceiver(config, Receiver.start(config, env::get, clock));
    }

    /** Stops as a crash would, and starts again on the same data directory. */
    void crashAndRestart() throws Exception {
        receiver.halt();
        receiver = Receiver.start(config, ENV::get, Clock.systemUTC());
    }

    static Path script(Path dir, String name, String body) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }

    HttpResponse<String> post(String hook, byte[] body, String deliveryId) throws Exception {
        return post(hook, body, deliveryId, Deliveries.sign(SECRET, body));
    }

    HttpResponse<String> post(String hook, byte[] body, String deliveryId, String signature) throws Exception {
        return post(hook, "push", body, deliveryId, signature);
    }

    HttpResponse<String> post(String hook, String event, byte[] body, String deliveryId, String signature)
            throws Exception {
        HttpRequest request = HttpRequest.newBuilder(uri("/hooks/" + hook))
                .header("Content-Type", "application/json")
                .header("X-GitHub-Event", event)
                .header("X-GitHub-Delivery", deliveryId)
                .header("X-Hub-Signature-256", signature)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** As {@link #post(String, byte[], String)}, failing if no answer comes within GitHub's delivery timeout (10 s). */
    HttpResponse<String> postAsGitHubWaits(String hook, byte[] body, String deliveryId) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(uri("/hooks/" + hook))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .header("X-GitHub-Event", "push")
                .header("X-GitHub-Delivery", deliveryId)
                .header("X-Hub-Signature-256", Deliveries.sign(SECRET, body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** A GET that fails if no answer comes within {@code timeout}. */
    HttpResponse<String> get(String path, Duration timeout) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri(path)).timeout(timeout).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    URI uri(String path) {
        return receiver.baseUri().resolve(path);
    }

    static String newDeliveryId() {
        return UUID.randomUUID().toString();
    }

    List<RunStore.Run> runs(String hook) throws IOException {
        return receiver.runs().ofHook(hook);
    }

    /** Waits until every run of the hook has finished and there are {@code count} of them. */
    List<RunStore.Run> awaitFinished(String hook, int count) throws Exception {
        await(() -> {
            try {
                List<RunStore.Run> runs = runs(hook);
                return runs.size() == count && runs.stream().allMatch(r -> r.finishedAt().isPresent());
            } catch (IOException e) {
                return false;
            }
        });
        return runs(hook);
    }

    void awaitState(String hook, RunState state) {
        await(() -> {
            try {
                return runs(hook).stream().anyMatch(r -> r.state() == state);
            } catch (IOException e) {
                return false;
            }
        });
    }

    static void await(BooleanSupplier condition) {
        Instant deadline = Instant.now().plusSeconds(20);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("condition not met within 20 s");
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    @Override
    public void close() throws Exception {
        receiver.close();
    }
}
