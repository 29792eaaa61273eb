package com.cloudbees.hudson.plugins.folder.computed;

import com.cloudbees.hudson.plugins.folder.AbstractFolder;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.model.Action;
import hudson.model.BuildableItem;
import hudson.model.ItemGroup;
import hudson.model.Queue;
import hudson.model.TopLevelItem;
import hudson.triggers.Trigger;
import hudson.triggers.TriggerDescriptor;
import java.util.Map;
import jenkins.triggers.TriggeredItem;

/** Stub of cloudbees-folder {@code com.cloudbees.hudson.plugins.folder.computed.ComputedFolder}: its triggers and its (re)computation. */
@SuppressWarnings({"unchecked", "rawtypes"})
public abstract class ComputedFolder<I extends TopLevelItem> extends AbstractFolder<I> implements BuildableItem, TriggeredItem, Queue.FlyweightTask {
    protected ComputedFolder(ItemGroup parent, String name) {
        super(parent, name);
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public Map<TriggerDescriptor, Trigger<?>> getTriggers() {
        throw new UnsupportedOperationException("stub");
    }

    public void addTrigger(Trigger trigger) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public boolean isDisabled() {
        throw new UnsupportedOperationException("stub");
    }

    public boolean isBuildable() {
        throw new UnsupportedOperationException("stub");
    }

    @CheckForNull
    public Queue.Item scheduleBuild2(int quietPeriod, Action... actions) {
        throw new UnsupportedOperationException("stub");
    }
}
