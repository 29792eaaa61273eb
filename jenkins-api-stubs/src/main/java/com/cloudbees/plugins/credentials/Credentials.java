package com.cloudbees.plugins.credentials;

import hudson.ExtensionPoint;
import hudson.model.Describable;
import java.io.Serializable;

/** Stub of credentials 1415.v831096eb_5534 {@code com.cloudbees.plugins.credentials.Credentials}, without members. */
public interface Credentials extends Describable<Credentials>, Serializable, ExtensionPoint {
}
