package jenkins.scm.api;

/** Stub of scm-api {@code jenkins.scm.api.SCMNavigatorOwner}, without members. */
public interface SCMNavigatorOwner extends SCMSourceOwner {
}
