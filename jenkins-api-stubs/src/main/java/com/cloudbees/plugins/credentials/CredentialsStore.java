package com.cloudbees.plugins.credentials;

import com.cloudbees.plugins.credentials.domains.Domain;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.model.ModelObject;
import hudson.model.Saveable;
import hudson.security.AccessControlled;
import java.io.IOException;

/** Stub of credentials 1415.v831096eb_5534 {@code com.cloudbees.plugins.credentials.CredentialsStore}: its context and adding. */
public abstract class CredentialsStore implements AccessControlled, Saveable {
    public CredentialsStore() {
        throw new UnsupportedOperationException("stub");
    }

    @NonNull
    public abstract ModelObject getContext();

    public abstract boolean addCredentials(@NonNull Domain domain, @NonNull Credentials credentials) throws IOException;
}
