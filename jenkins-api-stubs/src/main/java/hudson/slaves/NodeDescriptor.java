package hudson.slaves;

import hudson.model.Descriptor;
import hudson.model.Node;

/** Stub of jenkins-2.479.3 {@code hudson.slaves.NodeDescriptor}, the return type of {@code Jenkins.getDescriptor()}. */
public abstract class NodeDescriptor extends Descriptor<Node> {
    protected NodeDescriptor() {
        throw new UnsupportedOperationException("stub");
    }
}
