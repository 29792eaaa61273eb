package jenkins.model;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import edu.umd.cs.findbugs.annotations.Nullable;
import hudson.init.InitMilestone;
import hudson.model.AbstractCIBase;
import hudson.model.DescriptorByNameOwner;
import hudson.model.Item;
import hudson.model.TopLevelItem;
import hudson.model.ModifiableViewGroup;
import hudson.model.Queue;
import hudson.security.AccessControlled;
import hudson.security.AuthorizationStrategy;
import hudson.security.SecurityRealm;
import hudson.security.Permission;
import hudson.slaves.NodeDescriptor;
import java.io.File;
import java.io.IOException;
import jenkins.util.io.OnMaster;
import org.jvnet.hudson.reactor.ReactorException;
import org.kohsuke.stapler.HttpRedirect;
import org.kohsuke.stapler.StaplerFallback;
import org.kohsuke.stapler.StaplerProxy;
import org.kohsuke.stapler.interceptor.RequirePOST;
import org.springframework.security.access.AccessDeniedException;
import org.kohsuke.stapler.export.ExportedBean;

/**
 * Stub of jenkins-2.479.3 {@code jenkins.model.Jenkins}. Its real constructors take types that are not stubbed
 * ({@code ReactorException}, {@code PluginManager}); the private one here only keeps javac from adding a
 * public default constructor. {@code MANAGE} is {@code @Restricted(Beta.class)} in the real class.
 */
@ExportedBean
public class Jenkins extends AbstractCIBase implements DirectlyModifiableTopLevelItemGroup, StaplerProxy, StaplerFallback,
        ModifiableViewGroup, AccessControlled, DescriptorByNameOwner,
        ModelObjectWithContextMenu, ModelObjectWithChildren, OnMaster, Loadable {
    public static final Permission ADMINISTER = null;
    public static final Permission MANAGE = null;
    public static final Permission READ = null;

    private Jenkins() {
        throw new UnsupportedOperationException("stub");
    }

    @NonNull
    public static Jenkins get() throws IllegalStateException {
        throw new UnsupportedOperationException("stub");
    }

    @CheckForNull
    public static Jenkins getInstanceOrNull() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public NodeDescriptor getDescriptor() {
        throw new UnsupportedOperationException("stub");
    }

    public @Nullable String getRootUrl() throws IllegalStateException {
        throw new UnsupportedOperationException("stub");
    }

    public File getRootDir() {
        throw new UnsupportedOperationException("stub");
    }

    public boolean isTerminating() {
        throw new UnsupportedOperationException("stub");
    }

    public InitMilestone getInitLevel() {
        throw new UnsupportedOperationException("stub");
    }

    public @CheckForNull <T extends Item> T getItemByFullName(@NonNull String fullName, Class<T> type) throws AccessDeniedException {
        throw new UnsupportedOperationException("stub");
    }

    public void setSecurityRealm(@CheckForNull SecurityRealm securityRealm) {
        throw new UnsupportedOperationException("stub");
    }

    public void setAuthorizationStrategy(@CheckForNull AuthorizationStrategy a) {
        throw new UnsupportedOperationException("stub");
    }

    @NonNull
    public <T extends TopLevelItem> T createProject(@NonNull Class<T> type, @NonNull String name) throws IOException {
        throw new UnsupportedOperationException("stub");
    }

    public void reload() throws IOException, InterruptedException, ReactorException {
        throw new UnsupportedOperationException("stub");
    }

    public Queue getQueue() {
        throw new UnsupportedOperationException("stub");
    }

    @RequirePOST
    public HttpRedirect doQuietDown() {
        throw new UnsupportedOperationException("stub");
    }

    @RequirePOST
    public HttpRedirect doCancelQuietDown() {
        throw new UnsupportedOperationException("stub");
    }
}
