package com.cloudbees.hudson.plugins.folder;

import hudson.model.AbstractItem;
import hudson.model.ItemGroup;
import hudson.model.ModifiableViewGroup;
import hudson.model.TopLevelItem;
import java.io.IOException;
import jenkins.model.ModelObjectWithChildren;
import org.kohsuke.stapler.StaplerFallback;
import org.kohsuke.stapler.StaplerOverridable;

/** Stub of cloudbees-folder {@code com.cloudbees.hudson.plugins.folder.AbstractFolder}: its descriptor and its disabled state (since 6.1.0). */
public abstract class AbstractFolder<I extends TopLevelItem> extends AbstractItem
        implements TopLevelItem, ItemGroup<I>, ModifiableViewGroup, StaplerFallback, ModelObjectWithChildren, StaplerOverridable {
    protected AbstractFolder(ItemGroup parent, String name) {
        super(parent, name);
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public AbstractFolderDescriptor getDescriptor() {
        throw new UnsupportedOperationException("stub");
    }

    public boolean isDisabled() {
        throw new UnsupportedOperationException("stub");
    }

    public void makeDisabled(boolean disabled) throws IOException {
        throw new UnsupportedOperationException("stub");
    }
}
