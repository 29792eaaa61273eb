package jenkins.triggers;

/** Stub of jenkins-2.479.3 {@code jenkins.triggers.SCMTriggerItem}, without members. */
public interface SCMTriggerItem {
}
