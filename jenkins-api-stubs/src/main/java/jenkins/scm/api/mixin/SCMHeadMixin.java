package jenkins.scm.api.mixin;

import edu.umd.cs.findbugs.annotations.NonNull;
import java.io.Serializable;
import jenkins.scm.api.SCMHead;
import org.kohsuke.stapler.export.Exported;

/** Stub of scm-api {@code jenkins.scm.api.mixin.SCMHeadMixin}: the head's name. */
public interface SCMHeadMixin extends Comparable<SCMHead>, Serializable {
    @Exported
    @NonNull
    String getName();
}
