package org.jenkins.ui.icon;

/** Stub of jenkins-2.479.3 {@code org.jenkins.ui.icon.IconSpec}, without members. */
public interface IconSpec {
}
