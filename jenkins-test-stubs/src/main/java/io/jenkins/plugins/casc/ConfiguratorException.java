package io.jenkins.plugins.casc;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.io.IOException;

/** Stub of configuration-as-code {@code io.jenkins.plugins.casc.ConfiguratorException}: what configuring throws. */
public class ConfiguratorException extends IOException {
    public ConfiguratorException(@CheckForNull String message) {
        throw new UnsupportedOperationException("stub");
    }
}
