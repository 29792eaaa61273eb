package com.cloudbees.plugins.credentials;

import hudson.Extension;
import hudson.model.Describable;
import hudson.model.Descriptor;
import hudson.model.ManagementLink;
import hudson.model.Saveable;
import java.io.IOException;
import java.util.List;
import org.jenkins.ui.icon.IconSpec;
import org.kohsuke.stapler.StaplerProxy;

/** Stub of credentials 1415.v831096eb_5534 {@code com.cloudbees.plugins.credentials.SystemCredentialsProvider}. */
@Extension
public class SystemCredentialsProvider extends ManagementLink
        implements Describable<SystemCredentialsProvider>, Saveable, StaplerProxy, IconSpec {
    public SystemCredentialsProvider() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public String getIconFileName() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public String getDisplayName() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public String getUrlName() {
        throw new UnsupportedOperationException("stub");
    }

    public List<Credentials> getCredentials() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public Descriptor<SystemCredentialsProvider> getDescriptor() {
        throw new UnsupportedOperationException("stub");
    }

    public void save() throws IOException {
        throw new UnsupportedOperationException("stub");
    }

    public static SystemCredentialsProvider getInstance() {
        throw new UnsupportedOperationException("stub");
    }
}
