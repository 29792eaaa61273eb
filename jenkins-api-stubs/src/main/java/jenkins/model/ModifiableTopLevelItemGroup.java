package jenkins.model;

import hudson.model.ModifiableItemGroup;
import hudson.model.TopLevelItem;

/** Stub of jenkins-2.479.3 {@code jenkins.model.ModifiableTopLevelItemGroup}, without members. */
public interface ModifiableTopLevelItemGroup extends ModifiableItemGroup<TopLevelItem> {
}
