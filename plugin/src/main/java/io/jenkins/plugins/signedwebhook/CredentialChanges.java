package io.jenkins.plugins.signedwebhook;

import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import hudson.Extension;
import hudson.XmlFile;
import hudson.model.Item;
import hudson.model.ItemGroup;
import hudson.model.Saveable;
import hudson.model.listeners.SaveableListener;
import jenkins.model.Jenkins;

/**
 * Applies a rotated secret about a second after it is saved, instead of at the next minute's refresh. The global
 * store saves {@link SystemCredentialsProvider}, a folder's store saves the folder, and a store without a file of
 * its own saves its context (Jenkins itself); each such save refreshes the jobs that can see that store.
 */
@Extension
public class CredentialChanges extends SaveableListener {

    @Override
    public void onChange(Saveable o, XmlFile file) {
        if (o instanceof SystemCredentialsProvider || o instanceof Jenkins) {
            WebhookService.get().refreshSoon(SubscriptionBook.EVERY_JOB);
        } else if (o instanceof ItemGroup<?> && o instanceof Item folder) {
            WebhookService.get().refreshSoon(folder.getFullName());
        }
    }
}
