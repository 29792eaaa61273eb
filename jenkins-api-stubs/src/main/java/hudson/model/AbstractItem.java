package hudson.model;

import hudson.XmlFile;
import hudson.security.AccessControlled;
import java.io.IOException;
import jenkins.model.Loadable;
import org.kohsuke.stapler.HttpDeletable;
import org.kohsuke.stapler.StaplerProxy;
import org.kohsuke.stapler.export.Exported;
import org.kohsuke.stapler.export.ExportedBean;

/** Stub of jenkins-2.479.3 {@code hudson.model.AbstractItem}: the names, the URL and the config file. */
@ExportedBean
public abstract class AbstractItem extends Actionable implements Loadable, Item, HttpDeletable, AccessControlled, DescriptorByNameOwner, StaplerProxy {
    protected AbstractItem(ItemGroup parent, String name) {
        throw new UnsupportedOperationException("stub");
    }

    @Exported(visibility = 999)
    public String getName() {
        throw new UnsupportedOperationException("stub");
    }

    @Exported
    public String getDisplayName() {
        throw new UnsupportedOperationException("stub");
    }

    @Exported
    public String getFullName() {
        throw new UnsupportedOperationException("stub");
    }

    @Exported
    public String getFullDisplayName() {
        throw new UnsupportedOperationException("stub");
    }

    public String getUrl() {
        throw new UnsupportedOperationException("stub");
    }

    public synchronized void save() throws IOException {
        throw new UnsupportedOperationException("stub");
    }

    public final XmlFile getConfigFile() {
        throw new UnsupportedOperationException("stub");
    }
}
