package io.jenkins.plugins.casc;

/** Stub of configuration-as-code {@code io.jenkins.plugins.casc.ConfigurationContext}: the constructor only. */
public class ConfigurationContext implements ConfiguratorRegistry {
    public ConfigurationContext(ConfiguratorRegistry registry) {
        throw new UnsupportedOperationException("stub");
    }
}
