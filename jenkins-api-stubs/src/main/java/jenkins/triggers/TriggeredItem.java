package jenkins.triggers;

import hudson.model.Item;
import hudson.triggers.Trigger;
import hudson.triggers.TriggerDescriptor;
import java.util.Map;

/** Stub of jenkins-2.479.3 {@code jenkins.triggers.TriggeredItem}. */
public interface TriggeredItem extends Item {
    Map<TriggerDescriptor, Trigger<?>> getTriggers();
}
