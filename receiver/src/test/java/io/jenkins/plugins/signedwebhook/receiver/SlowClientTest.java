package io.jenkins.plugins.signedwebhook.receiver;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.signedwebhook.core.testing.Fixtures;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Clients that send their request slowly, on real sockets: what they are answered, and that they are cut off. */
class SlowClientTest {
    private static final Duration PATIENCE = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    private TestReceiver rx;
    private int port;

    @BeforeEach
    void start() throws Exception {
        start("headerTimeout: 300ms\nminBodyRate: 1024\n");
    }

    private void start(String limits) throws Exception {
        TestReceiver.script(dir, "deploy.sh", "exit 0");
        rx = TestReceiver.start(dir, """
                listen: 127.0.0.1:0
                dataDir: ./data
                %shooks:
                  - id: app
                    repository: octo-org/app
                    secrets: [{env: APP_HOOK_SECRET}]
                    command: [./deploy.sh]
                    workdir: .
                """.formatted(limits));
        port = rx.receiver.baseUri().getPort();
    }

    @AfterEach
    void stop() throws Exception {
        rx.close();
    }

    @Test
    void aBodySlowerThanMinBodyRateIsAnswered408AndItsConnectionClosed() throws Exception {
        byte[] push = Fixtures.github("push-branch.json");
        try (Socket socket = new Socket("127.0.0.1", port)) {
            OutputStream out = socket.getOutputStream();
            out.write(RawHttp.pushHead(port, push, push.length, TestReceiver.newDeliveryId(), false));
            out.write(push, 0, 10);
            out.flush();

            String answer = RawHttp.readToEnd(socket, PATIENCE);

            assertThat(RawHttp.status(answer)).isEqualTo(408);
            assertThat(answer).contains("\"result\":\"request_timeout\"").contains("Connection: close");
        }
        assertThat(rx.get("/metrics").body())
                .contains("signed_webhook_connections_closed_total{reason=\"slow_body\"} 1.0")
                .doesNotContain("signed_webhook_deliveries_total");
    }

    @Test
    void aBodySentInPiecesThatKeepsUpIsAnswered() throws Exception {
        byte[] push = Fixtures.github("push-branch.json");
        try (Socket socket = new Socket("127.0.0.1", port)) {
            OutputStream out = socket.getOutputStream();
            out.write(RawHttp.pushHead(port, push, push.length, TestReceiver.newDeliveryId(), true));
            int piece = push.length / 4 + 1;
            for (int from = 0; from < push.length; from += piece) {
                out.write(push, from, Math.min(piece, push.length - from));
                out.flush();
                Thread.sleep(50);
            }

            String answer = RawHttp.readToEnd(socket, PATIENCE);

            assertThat(RawHttp.status(answer)).isEqualTo(202);
            assertThat(answer).contains("\"result\":\"accepted\"");
        }
    }

    @Test
    void aBodyCutShortByTheClientIsAnsweredAsUnreadable() throws Exception {
        byte[] push = Fixtures.github("push-branch.json");
        try (Socket socket = new Socket("127.0.0.1", port)) {
            OutputStream out = socket.getOutputStream();
            out.write(RawHttp.pushHead(port, push, push.length, TestReceiver.newDeliveryId(), false));
            out.write(Arrays.copyOf(push, push.length / 2));
            out.flush();
            Thread.sleep(50);
            socket.shutdownOutput();

            String answer = RawHttp.readToEnd(socket, PATIENCE);

            assertThat(RawHttp.status(answer)).isEqualTo(400);
            assertThat(answer).contains("\"result\":\"bad_payload\"");
        }
    }

    @Test
    void headersWhoseBodyNeverStartsAreAnswered408AndTheirConnectionClosed() throws Exception {
        byte[] push = Fixtures.github("push-branch.json");
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.getOutputStream().write(RawHttp.pushHead(port, push, push.length, TestReceiver.newDeliveryId(), false));

            String answer = RawHttp.readToEnd(socket, PATIENCE);

            assertThat(RawHttp.status(answer)).isEqualTo(408);
        }
    }

    @Test
    void aBodyThatStopsIsAnsweredAsUnreadableAtTheIdleTimeoutWhenItsRateWouldStillAllowIt() throws Exception {
        rx.close();
        start("headerTimeout: 5m\nidleTimeout: 500ms\n");
        byte[] push = Fixtures.github("push-branch.json");
        try (Socket socket = new Socket("127.0.0.1", port)) {
            OutputStream out = socket.getOutputStream();
            out.write(RawHttp.pushHead(port, push, push.length, TestReceiver.newDeliveryId(), false));
            out.write(push, 0, 10);
            out.flush();

            String answer = RawHttp.readToEnd(socket, PATIENCE);

            assertThat(RawHttp.status(answer)).isEqualTo(400);
            assertThat(answer).contains("\"result\":\"bad_payload\"");
        }
    }

    @Test
    void headersTrickledSlowerThanHeaderTimeoutCloseTheConnectionWithoutAnAnswer() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            socket.setSoTimeout(100);
            out.write("POST /hooks/app HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ".getBytes(StandardCharsets.US_ASCII));
            long giveUp = System.nanoTime() + PATIENCE.toNanos();
            int read = 0;
            boolean closed = false;
            while (!closed && System.nanoTime() < giveUp) {
                try {
                    out.write('a');
                    out.flush();
                    read = in.read();
                    closed = read < 0;
                } catch (SocketTimeoutException stillOpen) {
                    // Nothing answered yet: send the next byte of the header.
                } catch (IOException reset) {
                    closed = true;
                }
            }

            assertThat(closed).as("closed by the receiver within %s", PATIENCE).isTrue();
            assertThat(read).as("no answer before the close").isLessThanOrEqualTo(0);
        }
        assertThat(rx.get("/metrics").body())
                .contains("signed_webhook_connections_closed_total{reason=\"header_timeout\"} 1.0");
    }

    @Test
    void aBodySentInABurstThenTrickledIsAnswered408AWindowAfterTheBurst() throws Exception {
        byte[] push = Fixtures.github("push-branch.json");
        int declared = 200_000;
        try (Socket socket = new Socket("127.0.0.1", port)) {
            OutputStream out = socket.getOutputStream();
            out.write(RawHttp.pushHead(port, push, declared, TestReceiver.newDeliveryId(), false));
            // Under a lifetime allowance these 100 KB would buy the trickle after them 100 s.
            out.write(new byte[100_000]);
            out.flush();
            socket.setSoTimeout(50);
            InputStream in = socket.getInputStream();
            long giveUp = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            int first = 0;
            while (first == 0 && System.nanoTime() < giveUp) {
                try {
                    out.write(' ');
                    out.flush();
                    first = in.read();
                } catch (SocketTimeoutException stillOpen) {
                    // Not answered yet: trickle the next byte.
                } catch (IOException reset) {
                    first = -1;
                }
            }
            assertThat(first).as("answered within 5 s of the burst").isGreaterThan(0);

            String answer = (char) first + RawHttp.readToEnd(socket, PATIENCE);

            assertThat(RawHttp.status(answer)).isEqualTo(408);
            assertThat(answer).contains("\"result\":\"request_timeout\"");
        }
    }

    @Test
    void aBodySentAfter100ContinueForLongerThanHeaderTimeoutIsAnswered() throws Exception {
        byte[] push = Fixtures.github("push-branch.json");
        byte[] head = new String(RawHttp.pushHead(port, push, push.length, TestReceiver.newDeliveryId(), true),
                StandardCharsets.US_ASCII).replace("\r\n\r\n", "\r\nExpect: 100-continue\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        try (Socket socket = new Socket("127.0.0.1", port)) {
            OutputStream out = socket.getOutputStream();
            out.write(head);
            out.flush();
            assertThat(interimAnswer(socket)).startsWith("HTTP/1.1 100");
            // 300 ms of headerTimeout, the body over about 800 ms, at some 13 KB a second, far above minBodyRate.
            int piece = push.length / 8 + 1;
            for (int from = 0; from < push.length; from += piece) {
                Thread.sleep(100);
                out.write(push, from, Math.min(piece, push.length - from));
                out.flush();
            }

            String answer = RawHttp.readToEnd(socket, PATIENCE);

            assertThat(RawHttp.status(answer)).isEqualTo(202);
            assertThat(answer).contains("\"result\":\"accepted\"");
        }
    }

    @Test
    void aBodyBeyondTheBufferBudgetIsAnswered503AndTheBudgetComesBackWhenTheSlowBodiesEnd() throws Exception {
        rx.close();
        // Each slow body below holds its first buffer, 16 KiB: four of them fill the budget.
        start("headerTimeout: 5m\nmaxBodyBytes: 65536\nmaxBufferedBytes: 65536\n");
        byte[] push = Fixtures.github("push-branch.json");
        List<Socket> slow = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                Socket socket = new Socket("127.0.0.1", port);
                slow.add(socket);
                socket.getOutputStream().write(RawHttp.pushHead(port, push, 60_000, "slow-" + i, false));
                socket.getOutputStream().write(push, 0, 1000);
                socket.getOutputStream().flush();
            }
            TestReceiver.await(() -> metrics().contains("signed_webhook_body_bytes_buffered 65536.0"));

            String refused;
            try (Socket socket = new Socket("127.0.0.1", port)) {
                socket.getOutputStream().write(RawHttp.pushHead(port, push, push.length, "refused", false));
                socket.getOutputStream().write(push);
                socket.getOutputStream().flush();
                refused = RawHttp.readToEnd(socket, PATIENCE);
            }
            assertThat(RawHttp.status(refused)).isEqualTo(503);
            assertThat(refused).contains("\"result\":\"unavailable\"").contains("Retry-After: ")
                    .contains("Connection: close");
        } finally {
            for (Socket socket : slow) {
                socket.close();
            }
        }
        TestReceiver.await(() -> metrics().contains("signed_webhook_body_bytes_buffered 0.0"));

        assertThat(rx.post("app", push, TestReceiver.newDeliveryId()).statusCode()).isEqualTo(202);
        assertThat(metrics()).contains("signed_webhook_connections_closed_total{reason=\"body_budget\"} 1.0");
    }

    private String metrics() {
        try {
            return rx.get("/metrics").body();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** The interim answer's status line and headers, up to its blank line. */
    private static String interimAnswer(Socket socket) throws IOException {
        socket.setSoTimeout((int) PATIENCE.toMillis());
        InputStream in = socket.getInputStream();
        StringBuilder got = new StringBuilder();
        while (got.indexOf("\r\n\r\n") < 0) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            got.append((char) b);
        }
        return got.toString();
    }
}
