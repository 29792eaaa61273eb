package io.jenkins.plugins.signedwebhook.receiver.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP relay between a receiver and PostgreSQL that can be cut as a pulled cable or a dead router cuts a network:
 * while cut, nothing is forwarded either way, no connection is closed, and new connections are taken but get no answer.
 */
public final class NetworkCut implements AutoCloseable {
    private final ServerSocket listener;
    private final int target;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final Object gate = new Object();
    private boolean cut;
    private volatile boolean closed;

    private NetworkCut(ServerSocket listener, int target) {
        this.listener = listener;
        this.target = target;
    }

    /** A relay on a free 127.0.0.1 port to {@code targetPort} on 127.0.0.1. */
    public static NetworkCut to(int targetPort) throws IOException {
        NetworkCut relay = new NetworkCut(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()), targetPort);
        Thread accepting = new Thread(relay::accept, "network-cut-accept");
        accepting.setDaemon(true);
        accepting.start();
        return relay;
    }

    /** {@code url} (a PostgreSQL server's, on 127.0.0.1) through this relay. */
    public String through(String url) {
        return url.replace(":" + target + "/", ":" + listener.getLocalPort() + "/");
    }

    public void cut() {
        synchronized (gate) {
            cut = true;
        }
    }

    public void restore() {
        synchronized (gate) {
            cut = false;
            gate.notifyAll();
        }
    }

    private void awaitOpen() throws InterruptedException {
        synchronized (gate) {
            while (cut && !closed) {
                gate.wait();
            }
        }
    }

    private void accept() {
        while (!closed) {
            try {
                Socket client = listener.accept();
                sockets.add(client);
                Thread relaying = new Thread(() -> relay(client), "network-cut-relay");
                relaying.setDaemon(true);
                relaying.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void relay(Socket client) {
        try {
            awaitOpen();
            Socket server = new Socket(InetAddress.getLoopbackAddress(), target);
            sockets.add(server);
            Thread back = new Thread(() -> pump(server, client), "network-cut-pump");
            back.setDaemon(true);
            back.start();
            pump(client, server);
        } catch (IOException | InterruptedException e) {
            close(client);
        }
    }

    /** Copies {@code from} to {@code to}; what is read while cut is held, as a network drops it for the sender to retry. */
    private void pump(Socket from, Socket to) {
        byte[] buffer = new byte[16384];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                awaitOpen();
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException | InterruptedException e) {
            // One side closed: so does the other.
        } finally {
            close(from);
            close(to);
        }
    }

    private static void close(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // Closing.
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        restore();
        listener.close();
        sockets.forEach(NetworkCut::close);
    }
}
