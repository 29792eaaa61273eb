package jenkins.model;

/** Stub of jenkins-2.479.3 {@code jenkins.model.DirectlyModifiableTopLevelItemGroup}, without members. */
public interface DirectlyModifiableTopLevelItemGroup extends ModifiableTopLevelItemGroup {
}
