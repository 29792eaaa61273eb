package hudson.model;

/** Stub of jenkins-2.479.3 {@code hudson.model.BuildableItemWithBuildWrappers}, without members. */
public interface BuildableItemWithBuildWrappers extends BuildableItem {
}
