package hudson.model.listeners;

import hudson.ExtensionPoint;
import hudson.model.Item;

/** Stub of jenkins-2.479.3 {@code hudson.model.listeners.ItemListener}. */
public class ItemListener implements ExtensionPoint {
    public void onCreated(Item item) {
        throw new UnsupportedOperationException("stub");
    }

    public void onCopied(Item src, Item item) {
        throw new UnsupportedOperationException("stub");
    }

    public void onLoaded() {
        throw new UnsupportedOperationException("stub");
    }

    public void onDeleted(Item item) {
        throw new UnsupportedOperationException("stub");
    }

    public void onRenamed(Item item, String oldName, String newName) {
        throw new UnsupportedOperationException("stub");
    }

    public void onLocationChanged(Item item, String oldFullName, String newFullName) {
        throw new UnsupportedOperationException("stub");
    }

    public void onUpdated(Item item) {
        throw new UnsupportedOperationException("stub");
    }
}
