package com.cloudbees.plugins.credentials.common;

/** Stub of credentials 1415.v831096eb_5534 {@code com.cloudbees.plugins.credentials.common.StandardListBoxModel}, without members. */
public class StandardListBoxModel
        extends AbstractIdCredentialsListBoxModel<StandardListBoxModel, StandardCredentials> {
}
