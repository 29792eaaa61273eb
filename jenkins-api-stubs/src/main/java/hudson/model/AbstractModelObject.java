package hudson.model;

import hudson.search.SearchableModelObject;

/** Stub of jenkins-2.479.3 {@code hudson.model.AbstractModelObject}, without members. */
public abstract class AbstractModelObject implements SearchableModelObject {
}
