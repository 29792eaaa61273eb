package com.cloudbees.plugins.credentials.common;

import edu.umd.cs.findbugs.annotations.NonNull;

/** Stub of credentials 1415.v831096eb_5534 {@code com.cloudbees.plugins.credentials.common.StandardCredentials}. */
public interface StandardCredentials extends IdCredentials {
    @NonNull
    String getDescription();
}
