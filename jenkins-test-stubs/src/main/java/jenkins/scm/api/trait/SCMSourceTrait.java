package jenkins.scm.api.trait;

/** Stub of scm-api {@code jenkins.scm.api.trait.SCMSourceTrait}, without members (the type of a source's traits). */
public class SCMSourceTrait extends SCMTrait<SCMSourceTrait> {
}
