package jenkins.model;

import hudson.model.ModelObject;

/** Stub of jenkins-2.479.3 {@code jenkins.model.HistoricalBuild}, without members. */
public interface HistoricalBuild extends ModelObject {
}
