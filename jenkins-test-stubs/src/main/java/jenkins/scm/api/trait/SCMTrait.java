package jenkins.scm.api.trait;

import hudson.model.AbstractDescribableImpl;

/** Stub of scm-api {@code jenkins.scm.api.trait.SCMTrait}, without members. */
public class SCMTrait<T extends SCMTrait<T>> extends AbstractDescribableImpl<T> {
}
