package jenkins.model;

import hudson.model.ModelObject;

/** Stub of jenkins-2.479.3 {@code jenkins.model.ModelObjectWithChildren}, without members. */
public interface ModelObjectWithChildren extends ModelObject {
}
