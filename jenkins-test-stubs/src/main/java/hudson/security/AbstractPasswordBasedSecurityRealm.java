package hudson.security;

/** Stub of jenkins-2.479.3 {@code hudson.security.AbstractPasswordBasedSecurityRealm}, without members. */
public abstract class AbstractPasswordBasedSecurityRealm extends SecurityRealm {
}
