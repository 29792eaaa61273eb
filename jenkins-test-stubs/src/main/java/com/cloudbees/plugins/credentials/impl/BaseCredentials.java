package com.cloudbees.plugins.credentials.impl;

import com.cloudbees.plugins.credentials.Credentials;
import com.cloudbees.plugins.credentials.CredentialsDescriptor;
import com.cloudbees.plugins.credentials.CredentialsScope;
import edu.umd.cs.findbugs.annotations.NonNull;

/** Stub of credentials 1415.v831096eb_5534 {@code com.cloudbees.plugins.credentials.impl.BaseCredentials}. */
public abstract class BaseCredentials implements Credentials {
    public BaseCredentials(CredentialsScope scope) {
        throw new UnsupportedOperationException("stub");
    }

    @NonNull
    @Override
    public CredentialsDescriptor getDescriptor() {
        throw new UnsupportedOperationException("stub");
    }
}
