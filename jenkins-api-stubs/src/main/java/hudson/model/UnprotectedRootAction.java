package hudson.model;

import hudson.ExtensionPoint;

/** Stub of jenkins-2.479.3 {@code hudson.model.UnprotectedRootAction} (marker; reachable without Overall/Read). */
public interface UnprotectedRootAction extends RootAction, ExtensionPoint {
}
