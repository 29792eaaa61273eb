package jenkins.model;

import hudson.model.ModelObject;

/** Stub of jenkins-2.479.3 {@code jenkins.model.ModelObjectWithContextMenu}, without members. */
public interface ModelObjectWithContextMenu extends ModelObject {
}
