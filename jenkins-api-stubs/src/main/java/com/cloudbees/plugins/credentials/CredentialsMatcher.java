package com.cloudbees.plugins.credentials;

import edu.umd.cs.findbugs.annotations.NonNull;
import java.io.Serializable;

/** Stub of credentials 1415.v831096eb_5534 {@code com.cloudbees.plugins.credentials.CredentialsMatcher}. */
public interface CredentialsMatcher extends Serializable {
    boolean matches(@NonNull Credentials item);
}
