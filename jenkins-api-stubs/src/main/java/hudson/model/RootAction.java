package hudson.model;

import hudson.ExtensionPoint;

/** Stub of jenkins-2.479.3 {@code hudson.model.RootAction} (marker). */
public interface RootAction extends Action, ExtensionPoint {
}
