package io.jenkins.plugins.casc;

/** Stub of configuration-as-code {@code io.jenkins.plugins.casc.ConfiguratorRegistry}: only {@code get()}. */
public interface ConfiguratorRegistry {
    static ConfiguratorRegistry get() {
        throw new UnsupportedOperationException("stub");
    }
}
