package org.jenkinsci.plugins.plaincredentials.impl;

import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.impl.BaseStandardCredentials;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.util.Secret;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;
import org.kohsuke.stapler.DataBoundConstructor;

/** Stub of plain-credentials 199.v9f8e1f741799 {@code org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl}. */
public final class StringCredentialsImpl extends BaseStandardCredentials implements StringCredentials {
    @DataBoundConstructor
    public StringCredentialsImpl(@CheckForNull CredentialsScope scope, @CheckForNull String id, @CheckForNull String description, @NonNull Secret secret) {
        super(scope, id, description);
        throw new UnsupportedOperationException("stub");
    }

    @NonNull
    @Override
    public Secret getSecret() {
        throw new UnsupportedOperationException("stub");
    }
}
