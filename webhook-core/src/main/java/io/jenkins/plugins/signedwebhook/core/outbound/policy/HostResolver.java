package io.jenkins.plugins.signedwebhook.core.outbound.policy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/** Turns a host name into every address it resolves to; injected so tests can play DNS. */
@FunctionalInterface
public interface HostResolver {

    List<InetAddress> resolve(String host) throws UnknownHostException;

    /** The JVM's resolver, which is also what {@code java.net.http.HttpClient} connects through. */
    static HostResolver system() {
        return host -> List.of(InetAddress.getAllByName(host));
    }
}
