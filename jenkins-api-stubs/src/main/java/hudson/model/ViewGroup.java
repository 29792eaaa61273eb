package hudson.model;

import hudson.security.AccessControlled;

/** Stub of jenkins-2.479.3 {@code hudson.model.ViewGroup}, without members. */
public interface ViewGroup extends Saveable, ModelObject, AccessControlled {
}
