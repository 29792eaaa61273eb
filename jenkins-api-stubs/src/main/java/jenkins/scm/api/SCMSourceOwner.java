package jenkins.scm.api;

import hudson.model.Item;

/** Stub of scm-api {@code jenkins.scm.api.SCMSourceOwner}, without members. */
public interface SCMSourceOwner extends Item {
}
