package hudson.security;

import hudson.ExtensionPoint;
import hudson.model.AbstractDescribableImpl;

/** Stub of jenkins-2.479.3 {@code hudson.security.AuthorizationStrategy}, without members. */
public abstract class AuthorizationStrategy extends AbstractDescribableImpl<AuthorizationStrategy> implements ExtensionPoint {
}
