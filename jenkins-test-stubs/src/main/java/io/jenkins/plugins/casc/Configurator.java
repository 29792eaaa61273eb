package io.jenkins.plugins.casc;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import io.jenkins.plugins.casc.model.CNode;

/** Stub of configuration-as-code {@code io.jenkins.plugins.casc.Configurator}: configuring from and describing as a node. */
public interface Configurator<T> {
    Class<T> getTarget();

    @NonNull
    T configure(CNode config, ConfigurationContext context) throws ConfiguratorException;

    @CheckForNull
    default CNode describe(T instance, ConfigurationContext context) throws Exception {
        throw new UnsupportedOperationException("stub");
    }
}
