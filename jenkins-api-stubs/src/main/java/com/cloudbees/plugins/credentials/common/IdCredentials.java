package com.cloudbees.plugins.credentials.common;

import com.cloudbees.plugins.credentials.Credentials;
import edu.umd.cs.findbugs.annotations.NonNull;

/** Stub of credentials 1415.v831096eb_5534 {@code com.cloudbees.plugins.credentials.common.IdCredentials}. */
public interface IdCredentials extends Credentials {
    @NonNull
    String getId();
}
