package hudson.model.queue;

import hudson.model.ResourceActivity;

/** Stub of jenkins-2.479.3 {@code hudson.model.queue.SubTask}, without members. */
public interface SubTask extends ResourceActivity {
}
