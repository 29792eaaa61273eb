package org.jvnet.hudson.reactor;

import java.util.Collection;

/** Stub of task-reactor {@code org.jvnet.hudson.reactor.ReactorException} (thrown by {@code Jenkins.reload()}). */
public class ReactorException extends Exception {
    public ReactorException(Collection<Throwable> problems) {
        throw new UnsupportedOperationException("stub");
    }
}
