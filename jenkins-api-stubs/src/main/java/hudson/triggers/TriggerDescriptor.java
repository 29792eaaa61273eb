package hudson.triggers;

import hudson.model.Descriptor;
import hudson.model.Item;

/** Stub of jenkins-2.479.3 {@code hudson.triggers.TriggerDescriptor}. */
public abstract class TriggerDescriptor extends Descriptor<Trigger<?>> {
    protected TriggerDescriptor() {
        throw new UnsupportedOperationException("stub");
    }

    public abstract boolean isApplicable(Item item);
}
