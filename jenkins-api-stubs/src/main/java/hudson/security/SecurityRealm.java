package hudson.security;

import hudson.ExtensionPoint;
import hudson.model.AbstractDescribableImpl;

/** Stub of jenkins-2.479.3 {@code hudson.security.SecurityRealm}, without members. */
public abstract class SecurityRealm extends AbstractDescribableImpl<SecurityRealm> implements ExtensionPoint {
}
