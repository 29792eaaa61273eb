package com.cloudbees.plugins.credentials;

import hudson.model.AbstractDescribableImpl;
import hudson.model.Saveable;
import java.io.IOException;
import java.util.List;

/**
 * Stub of credentials 1415.v831096eb_5534 {@code com.cloudbees.plugins.credentials.SystemCredentialsProvider}, the
 * global store, which fires {@code SaveableListener.onChange} with itself when saved; {@code @Extension} left out, so
 * the stubs register no extension.
 */
public class SystemCredentialsProvider extends AbstractDescribableImpl<SystemCredentialsProvider> implements Saveable {
    public SystemCredentialsProvider() {
        throw new UnsupportedOperationException("stub");
    }

    public static SystemCredentialsProvider getInstance() {
        throw new UnsupportedOperationException("stub");
    }

    public List<Credentials> getCredentials() {
        throw new UnsupportedOperationException("stub");
    }

    public void save() throws IOException {
        throw new UnsupportedOperationException("stub");
    }
}
