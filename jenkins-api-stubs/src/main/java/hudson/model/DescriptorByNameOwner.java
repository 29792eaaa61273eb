package hudson.model;

/** Stub of jenkins-2.479.3 {@code hudson.model.DescriptorByNameOwner}, without members. */
public interface DescriptorByNameOwner extends ModelObject {
}
