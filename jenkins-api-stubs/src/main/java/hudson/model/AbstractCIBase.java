package hudson.model;

import hudson.security.AccessControlled;
import org.kohsuke.stapler.StaplerFallback;
import org.kohsuke.stapler.StaplerProxy;

/** Stub of jenkins-2.479.3 {@code hudson.model.AbstractCIBase}, without members. */
public abstract class AbstractCIBase extends Node
        implements ItemGroup<TopLevelItem>, StaplerProxy, StaplerFallback, ViewGroup, AccessControlled, DescriptorByNameOwner {
}
