package io.jenkins.plugins.signedwebhook.receiver.config;

/** A configuration error: the message names the field (and the line, when known) and what is wrong, never a secret. */
public final class ConfigException extends Exception {
    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }
}
