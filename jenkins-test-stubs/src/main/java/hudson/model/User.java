package hudson.model;

import edu.umd.cs.findbugs.annotations.NonNull;
import edu.umd.cs.findbugs.annotations.Nullable;
import hudson.security.AccessControlled;
import jenkins.model.ModelObjectWithContextMenu;
import jenkins.widgets.HasWidgets;
import org.kohsuke.stapler.StaplerProxy;
import org.kohsuke.stapler.export.Exported;
import org.kohsuke.stapler.export.ExportedBean;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.userdetails.UsernameNotFoundException;

/** Stub of jenkins-2.479.3 {@code hudson.model.User}: look-up by id and impersonation. */
@ExportedBean
public class User extends AbstractModelObject implements AccessControlled, DescriptorByNameOwner, Saveable, Comparable<User>,
        ModelObjectWithContextMenu, StaplerProxy, HasWidgets {
    private User(String id, String fullName) {
        throw new UnsupportedOperationException("stub");
    }

    @Exported
    public @NonNull String getId() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    @Exported(visibility = 999)
    public @NonNull String getDisplayName() {
        throw new UnsupportedOperationException("stub");
    }

    public @NonNull Authentication impersonate2() throws UsernameNotFoundException {
        throw new UnsupportedOperationException("stub");
    }

    public static @Nullable User getById(String id, boolean create) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public int compareTo(@NonNull User that) {
        throw new UnsupportedOperationException("stub");
    }
}
