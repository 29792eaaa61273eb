package io.jenkins.plugins.signedwebhook;

import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletRequestWrapper;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The connection's own peer behind Jetty 12's servlet request. Winstone puts Jetty's ForwardedRequestCustomizer on
 * every connector, so {@code getRemoteAddr()} is the left-most {@code X-Forwarded-For} (or {@code Forwarded: for=})
 * entry when a request has one, which its client wrote; the socket's peer is still on the core request's connection:
 * {@code getRequest()} (ee10 {@code ServletApiRequest}; {@code getCoreRequest()} in ee9) {@code
 * .getConnectionMetaData().getConnection().getEndPoint().getRemoteSocketAddress()}. Read by reflection, so the plugin
 * depends on no Jetty class; empty under any other container or Jetty version, and the adapter then says so.
 */
final class SocketPeer {
    private static final Logger LOGGER = Logger.getLogger(SocketPeer.class.getName());
    private static final AtomicBoolean LOGGED = new AtomicBoolean();
    /** By method name, then class: the lookup walks a class's supertypes once, not per request. */
    private static final Map<String, Map<Class<?>, Optional<Method>>> METHODS = new ConcurrentHashMap<>();

    private SocketPeer() {}

    static Optional<String> of(ServletRequest request) {
        ServletRequest container = request;
        while (container instanceof ServletRequestWrapper wrapper) {
            container = wrapper.getRequest();
        }
        try {
            Object core = call(container, "getRequest");
            if (core == null || core instanceof ServletRequest) {
                core = call(container, "getCoreRequest");
            }
            Object address = call(call(call(call(core, "getConnectionMetaData"), "getConnection"), "getEndPoint"),
                    "getRemoteSocketAddress");
            if (address instanceof InetSocketAddress inet && inet.getAddress() != null) {
                return Optional.of(inet.getAddress().getHostAddress());
            }
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            if (!LOGGED.getAndSet(true)) {
                // Once: the rate limit then counts forwarded requests by the trusted proxies' entry, or as one client.
                LOGGER.log(Level.WARNING, "the connection's peer is not within reach behind "
                        + container.getClass().getName() + "; the rate limit falls back to what X-Forwarded-For allows", e);
            }
        }
        return Optional.empty();
    }

    /** The no-argument method {@code name} of {@code target}, or null when it has none (or {@code target} is null). */
    private static Object call(Object target, String name) throws ReflectiveOperationException {
        if (target == null) {
            return null;
        }
        Optional<Method> method = METHODS.computeIfAbsent(name, n -> new ConcurrentHashMap<>())
                .computeIfAbsent(target.getClass(), type -> Optional.ofNullable(publicMethod(type, name)));
        return method.isEmpty() ? null : method.get().invoke(target);
    }

    /**
     * Declared by a public class or interface: Jetty's wrappers (the customizer's among them) are anonymous classes,
     * whose own methods cannot be called from outside even when public.
     */
    private static Method publicMethod(Class<?> type, String name) {
        Deque<Class<?>> types = new ArrayDeque<>();
        types.add(type);
        while (!types.isEmpty()) {
            Class<?> c = types.poll();
            if (Modifier.isPublic(c.getModifiers())) {
                Method[] declared;
                try {
                    declared = c.getDeclaredMethods();
                } catch (LinkageError e) {
                    // A signature naming a class this class loader lacks: that class is passed over, not every request failed.
                    declared = new Method[0];
                }
                for (Method m : declared) {
                    if (m.getName().equals(name) && m.getParameterCount() == 0 && Modifier.isPublic(m.getModifiers())
                            && !Modifier.isStatic(m.getModifiers())) {
                        return m;
                    }
                }
            }
            if (c.getSuperclass() != null) {
                types.add(c.getSuperclass());
            }
            types.addAll(List.of(c.getInterfaces()));
        }
        return null;
    }
}
