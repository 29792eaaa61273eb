package jenkins.scm.api;

import edu.umd.cs.findbugs.annotations.NonNull;
import java.io.Serializable;
import org.kohsuke.stapler.export.Exported;
import org.kohsuke.stapler.export.ExportedBean;

/** Stub of scm-api {@code jenkins.scm.api.SCMRevision}: the head it is a revision of. */
@ExportedBean
public abstract class SCMRevision implements Serializable {
    protected SCMRevision(@NonNull SCMHead head) {
        throw new UnsupportedOperationException("stub");
    }

    @Exported
    @NonNull
    public final SCMHead getHead() {
        throw new UnsupportedOperationException("stub");
    }
}
