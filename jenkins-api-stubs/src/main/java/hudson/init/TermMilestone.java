package hudson.init;

import org.jvnet.hudson.reactor.Milestone;

/** Stub of jenkins-2.479.3 {@code hudson.init.TermMilestone}; {@code ordering()}, messages and {@code toString()} left out. */
public enum TermMilestone implements Milestone {
    STARTED,
    COMPLETED
}
