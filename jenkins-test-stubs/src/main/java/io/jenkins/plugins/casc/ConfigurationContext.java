package io.jenkins.plugins.casc;

import edu.umd.cs.findbugs.annotations.NonNull;
import java.lang.reflect.Type;

/** Stub of configuration-as-code {@code io.jenkins.plugins.casc.ConfigurationContext}: the constructor and a type's configurator. */
public class ConfigurationContext implements ConfiguratorRegistry {
    public ConfigurationContext(ConfiguratorRegistry registry) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    @NonNull
    public <T> Configurator<T> lookupOrFail(Type type) throws ConfiguratorException {
        throw new UnsupportedOperationException("stub");
    }
}
