package io.jenkins.plugins.casc;

import edu.umd.cs.findbugs.annotations.NonNull;
import java.lang.reflect.Type;

/** Stub of configuration-as-code {@code io.jenkins.plugins.casc.ConfiguratorRegistry}: {@code get()} and a type's configurator. */
public interface ConfiguratorRegistry {
    @NonNull
    <T> Configurator<T> lookupOrFail(Type type) throws ConfiguratorException;

    static ConfiguratorRegistry get() {
        throw new UnsupportedOperationException("stub");
    }
}
