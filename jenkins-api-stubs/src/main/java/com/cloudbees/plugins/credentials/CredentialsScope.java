package com.cloudbees.plugins.credentials;

import java.io.Serializable;

/** Stub of credentials 1415.v831096eb_5534 {@code com.cloudbees.plugins.credentials.CredentialsScope}: the constants only. */
public enum CredentialsScope implements Serializable {
    SYSTEM,
    GLOBAL,
    USER
}
