package io.jenkins.plugins.signedwebhook;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Just enough of the servlet API to drive the adapter without a container. */
final class ServletFakes {
    private ServletFakes() {}

    /** The address every fake request comes from (TEST-NET-1). */
    static final String PEER = "192.0.2.10";

    static HttpServletRequest request(String method, Map<String, String> headers, byte[] body) {
        return request(method, List.copyOf(headers.entrySet()), body);
    }

    /** A request whose header lines are sent in this order, a name appearing on as many lines as it is listed. */
    static HttpServletRequest request(String method, List<Map.Entry<String, String>> lines, byte[] body) {
        return request(method, lines, body, PEER);
    }

    /**
     * A request from the connection's peer {@code socketPeer}, as Winstone's servlet request shows it: Jetty's
     * ForwardedRequestCustomizer (on every Winstone connector) makes {@code getRemoteAddr()} the left-most entry of
     * the first {@code X-Forwarded-For} line when there is one, and the socket peer is not reachable behind it.
     */
    static HttpServletRequest request(String method, List<Map.Entry<String, String>> lines, byte[] body, String socketPeer) {
        Map<String, List<String>> byName = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (Map.Entry<String, String> line : lines) {
            byName.computeIfAbsent(line.getKey(), n -> new ArrayList<>()).add(line.getValue());
        }
        ByteArrayInputStream in = new ByteArrayInputStream(body);
        ServletInputStream stream = new ServletInputStream() {
            @Override
            public int read() {
                return in.read();
            }

            @Override
            public int read(byte[] b, int off, int len) {
                return in.read(b, off, len);
            }

            @Override
            public boolean isFinished() {
                return in.available() == 0;
            }

            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setReadListener(ReadListener listener) {}
        };
        return (HttpServletRequest) Proxy.newProxyInstance(ServletFakes.class.getClassLoader(), new Class<?>[] {HttpServletRequest.class},
                (proxy, m, args) -> switch (m.getName()) {
                    case "getMethod" -> method;
                    case "getHeader" -> byName.containsKey((String) args[0]) ? byName.get((String) args[0]).get(0) : null;
                    case "getHeaders" -> Collections.enumeration(byName.getOrDefault((String) args[0], List.of()));
                    case "getContentLengthLong" -> (long) body.length;
                    case "getInputStream" -> stream;
                    case "getRemoteAddr" -> byName.containsKey("X-Forwarded-For")
                            ? byName.get("X-Forwarded-For").get(0).split(",")[0].strip() : socketPeer;
                    default -> throw new UnsupportedOperationException(m.getName());
                });
    }

    /** A response that remembers what was set and written. */
    static final class Response {
        int status;
        String contentType;
        final Map<String, String> headers = new LinkedHashMap<>();
        final ByteArrayOutputStream body = new ByteArrayOutputStream();

        HttpServletResponse proxy() {
            ServletOutputStream out = new ServletOutputStream() {
                @Override
                public void write(int b) {
                    body.write(b);
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setWriteListener(WriteListener listener) {}
            };
            return (HttpServletResponse) Proxy.newProxyInstance(ServletFakes.class.getClassLoader(), new Class<?>[] {HttpServletResponse.class},
                    (proxy, m, args) -> {
                        switch (m.getName()) {
                            case "setStatus" -> status = (Integer) args[0];
                            case "setContentType" -> contentType = (String) args[0];
                            case "setHeader" -> headers.put((String) args[0], (String) args[1]);
                            case "setContentLength" -> headers.put("Content-Length", String.valueOf(args[0]));
                            case "getOutputStream" -> {
                                return out;
                            }
                            default -> throw new UnsupportedOperationException(m.getName());
                        }
                        return null;
                    });
        }
    }
}
