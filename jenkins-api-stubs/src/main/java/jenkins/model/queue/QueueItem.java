package jenkins.model.queue;

import hudson.model.ModelObject;

/** Stub of jenkins-2.479.3 {@code jenkins.model.queue.QueueItem}, without members. */
public interface QueueItem extends ModelObject {
}
