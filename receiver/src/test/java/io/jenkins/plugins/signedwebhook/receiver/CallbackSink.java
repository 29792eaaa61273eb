package io.jenkins.plugins.signedwebhook.receiver;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A callback target on a free loopback port, in the test's JVM so it outlives a killed receiver: answers every
 * request with the status currently set and records what it was sent.
 */
final class CallbackSink implements AutoCloseable {
    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private volatile int status;

    /** One request as it arrived, with the status it was answered. */
    record Received(Map<String, List<String>> headers, byte[] body, int status) {
        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }

        boolean delivered() {
            return status >= 200 && status < 300;
        }
    }

    private CallbackSink(HttpServer server, int status) {
        this.server = server;
        this.status = status;
    }

    static CallbackSink answering(int status) throws IOException {
        CallbackSink sink = new CallbackSink(HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0), status);
        sink.server.createContext("/deploys", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            int answer = sink.status;
            sink.received.add(new Received(Map.copyOf(exchange.getRequestHeaders()), body, answer));
            exchange.sendResponseHeaders(answer, -1);
            exchange.close();
        });
        sink.server.start();
        return sink;
    }

    void answer(int value) {
        status = value;
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/deploys";
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    List<Received> delivered() {
        return received.stream().filter(Received::delivered).toList();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
