package io.jenkins.plugins.signedwebhook.receiver;

import io.jenkins.plugins.signedwebhook.core.testing.Deliveries;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** HTTP/1.1 written by hand on a plain socket, for clients that send at their own pace. */
final class RawHttp {
    private RawHttp() {}

    /** The request line and headers of a signed push to {@code /hooks/app} declaring {@code length} body bytes. */
    static byte[] pushHead(int port, byte[] body, int length, String delivery, boolean close) {
        return ("POST /hooks/app HTTP/1.1\r\n"
                + "Host: 127.0.0.1:" + port + "\r\n"
                + "Content-Type: application/json\r\n"
                + "X-GitHub-Event: push\r\n"
                + "X-GitHub-Delivery: " + delivery + "\r\n"
                + "X-Hub-Signature-256: " + Deliveries.sign(TestReceiver.SECRET, body) + "\r\n"
                + "Content-Length: " + length + "\r\n"
                + (close ? "Connection: close\r\n" : "")
                + "\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** Everything the server sends until it closes the connection; fails if it sends nothing for {@code timeout}. */
    static String readToEnd(Socket socket, Duration timeout) throws IOException {
        socket.setSoTimeout((int) timeout.toMillis());
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        try {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                got.write(buffer, 0, n);
            }
        } catch (java.net.SocketException reset) {
            // A reset after the answer ends the connection as a close does.
        }
        return got.toString(StandardCharsets.UTF_8);
    }

    static int status(String response) {
        return response.startsWith("HTTP/1.1 ") ? Integer.parseInt(response.substring(9, 12)) : -1;
    }
}
