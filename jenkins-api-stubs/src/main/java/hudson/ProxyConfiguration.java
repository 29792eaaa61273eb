package hudson;

import hudson.model.AbstractDescribableImpl;
import hudson.model.Saveable;
import java.io.Serializable;
import java.net.http.HttpClient;
import org.kohsuke.stapler.DataBoundConstructor;

/** Stub of jenkins-2.479.3 {@code hudson.ProxyConfiguration}: the HTTP client factories that follow Jenkins' proxy settings. */
public final class ProxyConfiguration extends AbstractDescribableImpl<ProxyConfiguration> implements Saveable, Serializable {
    @DataBoundConstructor
    public ProxyConfiguration(String name, int port) {
        throw new UnsupportedOperationException("stub");
    }

    public static HttpClient newHttpClient() {
        throw new UnsupportedOperationException("stub");
    }

    public static HttpClient.Builder newHttpClientBuilder() {
        throw new UnsupportedOperationException("stub");
    }
}
