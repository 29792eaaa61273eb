package io.jenkins.plugins.signedwebhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.signedwebhook.core.inbound.InboundRequest;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jetty.server.ForwardedRequestCustomizer;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A real Jetty 12 server over loopback, its connector customized as Winstone's ServerConnectorBuilder does (a
 * ForwardedRequestCustomizer), and the servlet request shaped as Jetty's ee10 one: the adapter reaches the socket's
 * peer behind what X-Forwarded-For made of getRemoteAddr().
 */
class SocketPeerTest {
    private final AtomicReference<String> servletRemoteAddr = new AtomicReference<>();
    private final AtomicReference<InboundRequest> seen = new AtomicReference<>();
    private final HttpClient client = HttpClient.newHttpClient();
    private Server server;
    private int port;

    @BeforeEach
    void start() throws Exception {
        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        HttpConfiguration http = connector.getConnectionFactory(HttpConnectionFactory.class).getHttpConfiguration();
        http.addCustomizer(new ForwardedRequestCustomizer());
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                JettyServletRequest servlet = servletRequest(request);
                servletRemoteAddr.set(servlet.getRemoteAddr());
                // Stapler and Jenkins' filters hand the endpoint a wrapper of the container's request.
                seen.set(HttpExchange.toInbound(new HttpServletRequestWrapper(servlet)));
                response.setStatus(204);
                callback.succeeded();
                return true;
            }
        });
        server.start();
        port = connector.getLocalPort();
    }

    @AfterEach
    void stop() throws Exception {
        server.stop();
    }

    /** Just enough of ServletApiRequest: its getRemoteAddr() is Request.getRemoteAddr(getRequest()), as in Jetty. */
    private static JettyServletRequest servletRequest(Request core) {
        ServletInputStream empty = new ServletInputStream() {
            @Override
            public int read() {
                return -1;
            }

            @Override
            public boolean isFinished() {
                return true;
            }

            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setReadListener(ReadListener listener) {}
        };
        return (JettyServletRequest) Proxy.newProxyInstance(SocketPeerTest.class.getClassLoader(),
                new Class<?>[] {JettyServletRequest.class}, (proxy, m, args) -> switch (m.getName()) {
                    case "getRequest" -> core;
                    case "getMethod" -> core.getMethod();
                    case "getHeader" -> core.getHeaders().get((String) args[0]);
                    case "getHeaders" -> Collections.enumeration(core.getHeaders().getValuesList((String) args[0]));
                    case "getContentLengthLong" -> core.getLength();
                    case "getInputStream" -> empty;
                    case "getRemoteAddr" -> Request.getRemoteAddr(core);
                    default -> throw new UnsupportedOperationException(m.getName());
                });
    }

    private void post(String... forwardedFor) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/signed-webhook/"))
                .POST(HttpRequest.BodyPublishers.noBody());
        for (String line : forwardedFor) {
            request.header("X-Forwarded-For", line);
        }
        assertThat(client.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(204);
    }

    @Test
    void theSocketsPeerIsCountedThoughGetRemoteAddrIsWhatTheClientWrote() throws Exception {
        for (String written : List.of("203.0.113.9", "140.82.115.1, 10.0.0.1", "x")) {
            post(written);

            assertThat(servletRemoteAddr.get()).as("Winstone's getRemoteAddr()").isEqualTo(written.split(",")[0]);
            assertThat(seen.get().remoteAddress()).as(written).isEqualTo("127.0.0.1");
            assertThat(seen.get().peerReplaced()).isFalse();
            assertThat(seen.get().values(InboundRequest.FORWARDED_FOR_HEADER)).containsExactly(written);
        }
    }

    @Test
    void withoutForwardedForTheSocketsPeerIsCountedToo() throws Exception {
        post();

        assertThat(seen.get().remoteAddress()).isEqualTo("127.0.0.1");
        assertThat(seen.get().peerReplaced()).isFalse();
    }
}
