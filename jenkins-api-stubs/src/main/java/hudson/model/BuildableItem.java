package hudson.model;

import hudson.model.Queue.Task;

/** Stub of jenkins-2.479.3 {@code hudson.model.BuildableItem}, without members. */
public interface BuildableItem extends Item, Task {
}
