package org.jvnet.hudson.reactor;

/** Stub of task-reactor (the version jenkins-core 2.479.3 depends on) {@code org.jvnet.hudson.reactor.Milestone} (supertype of InitMilestone and TermMilestone). */
public interface Milestone {}
