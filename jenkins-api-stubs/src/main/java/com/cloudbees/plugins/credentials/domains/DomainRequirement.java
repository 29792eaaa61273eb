package com.cloudbees.plugins.credentials.domains;

import hudson.ExtensionPoint;
import java.io.Serializable;

/** Stub of credentials 1415.v831096eb_5534 {@code com.cloudbees.plugins.credentials.domains.DomainRequirement}, without members. */
public class DomainRequirement implements ExtensionPoint, Serializable {
}
