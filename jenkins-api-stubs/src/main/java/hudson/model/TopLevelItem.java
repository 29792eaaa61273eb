package hudson.model;

import hudson.ExtensionPoint;

/** Stub of jenkins-2.479.3 {@code hudson.model.TopLevelItem}, without members. */
public interface TopLevelItem extends Item, ExtensionPoint, Describable<TopLevelItem> {
}
