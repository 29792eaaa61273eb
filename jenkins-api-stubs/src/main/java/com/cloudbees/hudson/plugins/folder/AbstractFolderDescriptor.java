package com.cloudbees.hudson.plugins.folder;

import hudson.model.TopLevelItemDescriptor;
import org.jenkins.ui.icon.IconSpec;

/** Stub of cloudbees-folder {@code com.cloudbees.hudson.plugins.folder.AbstractFolderDescriptor}, without members. */
public abstract class AbstractFolderDescriptor extends TopLevelItemDescriptor implements IconSpec {
    protected AbstractFolderDescriptor() {
        throw new UnsupportedOperationException("stub");
    }
}
