package hudson.search;

import hudson.model.ModelObject;

/** Stub of jenkins-2.479.3 {@code hudson.search.SearchableModelObject}, without members. */
public interface SearchableModelObject extends ModelObject, SearchItem {
}
