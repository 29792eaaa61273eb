package com.cloudbees.plugins.credentials;

import hudson.model.AbstractDescribableImpl;
import hudson.model.Saveable;

/**
 * Stub of credentials 1415.v831096eb_5534 {@code com.cloudbees.plugins.credentials.SystemCredentialsProvider}, the
 * global store, which fires {@code SaveableListener.onChange} with itself when saved; members and {@code @Extension}
 * left out.
 */
public class SystemCredentialsProvider extends AbstractDescribableImpl<SystemCredentialsProvider> implements Saveable {
    public SystemCredentialsProvider() {
        throw new UnsupportedOperationException("stub");
    }
}
