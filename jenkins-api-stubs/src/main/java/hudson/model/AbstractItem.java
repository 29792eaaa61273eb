package hudson.model;

import hudson.security.AccessControlled;
import jenkins.model.Loadable;
import org.kohsuke.stapler.HttpDeletable;
import org.kohsuke.stapler.StaplerProxy;
import org.kohsuke.stapler.export.ExportedBean;

/** Stub of jenkins-2.479.3 {@code hudson.model.AbstractItem}, without members. */
@ExportedBean
public abstract class AbstractItem extends Actionable implements Loadable, Item, HttpDeletable, AccessControlled, DescriptorByNameOwner, StaplerProxy {
    protected AbstractItem(ItemGroup parent, String name) {
        throw new UnsupportedOperationException("stub");
    }
}
