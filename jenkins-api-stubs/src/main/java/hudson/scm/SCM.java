package hudson.scm;

import hudson.ExtensionPoint;
import hudson.model.Describable;
import org.kohsuke.stapler.export.ExportedBean;

/** Stub of jenkins-2.479.3 {@code hudson.scm.SCM}, without members (an event's {@code isMatch} names it). */
@ExportedBean
public abstract class SCM implements Describable<SCM>, ExtensionPoint {
}
