package io.jenkins.plugins.casc.model;

import java.util.HashMap;

/** Stub of configuration-as-code {@code io.jenkins.plugins.casc.model.Mapping}: a map of nodes, as the real one. */
public final class Mapping extends HashMap<String, CNode> implements CNode {
    public Mapping() {
        throw new UnsupportedOperationException("stub");
    }

    public Mapping(int initialCapacity) {
        super(initialCapacity);
        throw new UnsupportedOperationException("stub");
    }
}
