package hudson.model;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.EnvVars;
import hudson.ExtensionPoint;
import hudson.security.AccessControlled;
import java.io.IOException;
import java.util.List;
import jenkins.console.WithConsoleUrl;
import jenkins.model.HistoricalBuild;
import jenkins.util.io.OnMaster;
import org.kohsuke.stapler.StaplerProxy;
import org.kohsuke.stapler.export.Exported;
import org.kohsuke.stapler.export.ExportedBean;
import org.springframework.security.access.AccessDeniedException;

/** Stub of jenkins-2.479.3 {@code hudson.model.Run}. */
@ExportedBean
public abstract class Run<JobT extends Job<JobT, RunT>, RunT extends Run<JobT, RunT>>
        extends Actionable implements ExtensionPoint, Comparable<RunT>, AccessControlled, PersistenceRoot, DescriptorByNameOwner, OnMaster, StaplerProxy, HistoricalBuild, WithConsoleUrl {
    protected Run(@NonNull JobT job) throws IOException {
        throw new UnsupportedOperationException("stub");
    }

    @Exported
    public @CheckForNull Result getResult() {
        throw new UnsupportedOperationException("stub");
    }

    @Exported
    public boolean isBuilding() {
        throw new UnsupportedOperationException("stub");
    }

    public @CheckForNull <T extends Cause> T getCause(Class<T> type) {
        throw new UnsupportedOperationException("stub");
    }

    public @NonNull JobT getParent() {
        throw new UnsupportedOperationException("stub");
    }

    public final long getTimeInMillis() {
        throw new UnsupportedOperationException("stub");
    }

    public final long getStartTimeInMillis() {
        throw new UnsupportedOperationException("stub");
    }

    @Exported
    public long getDuration() {
        throw new UnsupportedOperationException("stub");
    }

    @Exported
    public String getFullDisplayName() {
        throw new UnsupportedOperationException("stub");
    }

    @Exported(visibility = 2)
    public int getNumber() {
        throw new UnsupportedOperationException("stub");
    }

    public @NonNull String getUrl() {
        throw new UnsupportedOperationException("stub");
    }

    public void setDescription(String description) throws IOException {
        throw new UnsupportedOperationException("stub");
    }

    public @NonNull EnvVars getEnvironment(@NonNull TaskListener listener) throws IOException, InterruptedException {
        throw new UnsupportedOperationException("stub");
    }

    public @NonNull String getExternalizableId() {
        throw new UnsupportedOperationException("stub");
    }

    public @CheckForNull static Run<?, ?> fromExternalizableId(String id) throws IllegalArgumentException, AccessDeniedException {
        throw new UnsupportedOperationException("stub");
    }

    @Exported
    public String getDisplayName() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public int compareTo(@NonNull RunT that) {
        throw new UnsupportedOperationException("stub");
    }

    @NonNull
    public List<Cause> getCauses() {
        throw new UnsupportedOperationException("stub");
    }
}
