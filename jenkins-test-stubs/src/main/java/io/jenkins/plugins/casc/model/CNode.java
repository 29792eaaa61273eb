package io.jenkins.plugins.casc.model;

/** Stub of configuration-as-code {@code io.jenkins.plugins.casc.model.CNode}, without members. */
public interface CNode extends Cloneable {
}
