package com.cloudbees.plugins.credentials.impl;

import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import org.kohsuke.stapler.export.Exported;
import org.kohsuke.stapler.export.ExportedBean;

/** Stub of credentials 1415.v831096eb_5534 {@code com.cloudbees.plugins.credentials.impl.BaseStandardCredentials}. */
@ExportedBean
public abstract class BaseStandardCredentials extends BaseCredentials implements StandardCredentials {
    public BaseStandardCredentials(@CheckForNull CredentialsScope scope, @CheckForNull String id, @CheckForNull String description) {
        super(scope);
        throw new UnsupportedOperationException("stub");
    }

    @NonNull
    @Exported
    @Override
    public String getDescription() {
        throw new UnsupportedOperationException("stub");
    }

    @NonNull
    @Exported
    @Override
    public String getId() {
        throw new UnsupportedOperationException("stub");
    }
}
