package hudson.model;

import hudson.search.SearchableModelObject;
import hudson.security.AccessControlled;
import hudson.security.Permission;
import jenkins.util.io.OnMaster;

/** Stub of jenkins-2.479.3 {@code hudson.model.Item}. */
public interface Item extends PersistenceRoot, SearchableModelObject, AccessControlled, OnMaster {
    String getName();

    String getFullName();

    String getFullDisplayName();

    String getUrl();

    Permission CONFIGURE = null;
    Permission READ = null;
    Permission DISCOVER = null;
    Permission EXTENDED_READ = null;
    Permission BUILD = null;
}
