package hudson.model;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.ExtensionPoint;
import hudson.security.Permission;

/** Stub of jenkins-2.479.3 {@code hudson.model.ManagementLink}. */
public abstract class ManagementLink implements ExtensionPoint, Action {
    @Override
    public abstract @CheckForNull String getIconFileName();

    public String getDescription() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public abstract @CheckForNull String getUrlName();

    public @NonNull Permission getRequiredPermission() {
        throw new UnsupportedOperationException("stub");
    }

    public @NonNull Category getCategory() {
        throw new UnsupportedOperationException("stub");
    }

    /** Stub of jenkins-2.479.3 {@code hudson.model.ManagementLink.Category}. */
    public enum Category {
        CONFIGURATION,
        SECURITY,
        STATUS,
        TROUBLESHOOTING,
        TOOLS,
        MISC,
        UNCATEGORIZED
    }
}
