package io.jenkins.plugins.signedwebhook.receiver;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.signedwebhook.core.testing.Fixtures;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shaded jar with its default limits, 50 clients sending their bodies at a byte a second, and signed pushes
 * sent beside them on fresh connections: every push is answered, and every slow connection is closed by the receiver.
 * The pushes' latencies are printed (the figure docs/receiver.md reports); only "answered within 5 s" is asserted,
 * as this machine is shared.
 */
class SlowClientsIT {
    private static final int SLOW_CLIENTS = 50;
    private static final int DELIVERIES = 100;
    private static final int WARM_UP = 20;
    private static final Duration ANSWER_WITHIN = Duration.ofSeconds(5);
    private static final Duration SLOW_CLOSED_WITHIN = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private Process process;
    private final List<SocketChannel> slow = new ArrayList<>();

    @AfterEach
    void cleanUp() throws IOException {
        for (SocketChannel channel : slow) {
            channel.close();
        }
        JarProcess.killLeftover(process);
    }

    @Test
    void fiftyClientsSendingABodyAtOneByteASecondDelayNoSignedPushAndAreClosed() throws Exception {
        TestReceiver.script(dir, "deploy.sh", "exit 0");
        int port = JarProcess.freePort();
        Files.writeString(dir.resolve("receiver.yml"), """
                listen: 127.0.0.1:%d
                dataDir: ./data
                hooks:
                  - id: app
                    repository: octo-org/app
                    secrets: [{env: APP_HOOK_SECRET}]
                    command: [./deploy.sh]
                    workdir: .
                """.formatted(port));
        process = JarProcess.start(dir.resolve("receiver.yml"), TestReceiver.ENV, dir.resolve("receiver.log"), port);
        byte[] push = Fixtures.github("push-branch.json");
        for (int i = 0; i < WARM_UP; i++) {
            // Each its own push: the same body twice would be a replay, answered duplicate.
            deliver(port, Fixtures.pushedLater(push, DELIVERIES + i));
        }

        long slowStarted = System.nanoTime();
        for (int i = 0; i < SLOW_CLIENTS; i++) {
            SocketChannel channel = SocketChannel.open(new InetSocketAddress("127.0.0.1", port));
            channel.write(ByteBuffer.wrap(RawHttp.pushHead(port, push, push.length, "slow-" + i, false)));
            channel.configureBlocking(false);
            slow.add(channel);
        }
        List<Long> latencies = new ArrayList<>();
        long nextByte = System.nanoTime();
        int closed = 0;
        for (int i = 0; i < DELIVERIES; i++) {
            if (System.nanoTime() >= nextByte) {
                closed = trickle();
                nextByte += Duration.ofSeconds(1).toNanos();
            }
            long sent = System.nanoTime();
            assertThat(RawHttp.status(deliver(port, Fixtures.pushedLater(push, i)))).as("push %d", i).isEqualTo(202);
            latencies.add(System.nanoTime() - sent);
            Thread.sleep(80);
        }
        int openDuringDeliveries = SLOW_CLIENTS - closed;
        while (closed < SLOW_CLIENTS && System.nanoTime() - slowStarted < SLOW_CLOSED_WITHIN.toNanos()) {
            Thread.sleep(Math.max(0, (nextByte - System.nanoTime()) / 1_000_000));
            closed = trickle();
            nextByte += Duration.ofSeconds(1).toNanos();
        }
        long slowLasted = System.nanoTime() - slowStarted;

        latencies.sort(null);
        System.out.printf(Locale.ROOT, "%d signed pushes beside %d clients sending 1 byte/s (%d still open at the"
                + " last push): p50 %.1f ms, p99 %.1f ms, max %.1f ms; the slow connections were closed after %.1f s%n",
                DELIVERIES, SLOW_CLIENTS, openDuringDeliveries, millis(latencies.get(DELIVERIES / 2)),
                millis(latencies.get(DELIVERIES * 99 / 100 - 1)), millis(latencies.get(DELIVERIES - 1)),
                slowLasted / 1e9);
        assertThat(closed).as("slow connections closed by the receiver").isEqualTo(SLOW_CLIENTS);
        assertThat(JarProcess.get(port, "/metrics"))
                .contains("signed_webhook_connections_closed_total{reason=\"slow_body\"} " + SLOW_CLIENTS + ".0");
    }

    /** Sends each open slow client's next body byte; returns how many the receiver has closed. */
    private int trickle() {
        int closed = 0;
        ByteBuffer answer = ByteBuffer.allocate(4096);
        for (SocketChannel channel : slow) {
            if (!channel.isOpen()) {
                closed++;
                continue;
            }
            try {
                answer.clear();
                int read;
                while ((read = channel.read(answer)) > 0) {
                    answer.clear();
                }
                if (read < 0) {
                    channel.close();
                    closed++;
                } else {
                    channel.write(ByteBuffer.wrap(new byte[] {' '}));
                }
            } catch (IOException reset) {
                closed++;
                try {
                    channel.close();
                } catch (IOException ignored) {
                    // Closed either way.
                }
            }
        }
        return closed;
    }

    /** One signed push on a connection of its own, as GitHub sends them; the whole answer. */
    private static String deliver(int port, byte[] push) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            OutputStream out = socket.getOutputStream();
            out.write(RawHttp.pushHead(port, push, push.length, TestReceiver.newDeliveryId(), true));
            out.write(push);
            out.flush();
            return RawHttp.readToEnd(socket, ANSWER_WITHIN);
        }
    }

    private static double millis(long nanos) {
        return nanos / 1e6;
    }
}
