package hudson.model.listeners;

import hudson.ExtensionPoint;
import hudson.XmlFile;
import hudson.model.Saveable;

/** Stub of jenkins-2.479.3 {@code hudson.model.listeners.SaveableListener}: only {@code onChange}. */
public abstract class SaveableListener implements ExtensionPoint {
    public void onChange(Saveable o, XmlFile file) {
        throw new UnsupportedOperationException("stub");
    }
}
