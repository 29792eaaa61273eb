package jenkins.scm.api;

import edu.umd.cs.findbugs.annotations.NonNull;
import jenkins.scm.api.mixin.SCMHeadMixin;
import org.kohsuke.stapler.export.Exported;
import org.kohsuke.stapler.export.ExportedBean;

/** Stub of scm-api {@code jenkins.scm.api.SCMHead}: a branch, tag or change request, by name. */
@ExportedBean
public class SCMHead implements SCMHeadMixin {
    public SCMHead(@NonNull String name) {
        throw new UnsupportedOperationException("stub");
    }

    @Exported
    @NonNull
    @Override
    public String getName() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public int compareTo(SCMHead o) {
        throw new UnsupportedOperationException("stub");
    }
}
