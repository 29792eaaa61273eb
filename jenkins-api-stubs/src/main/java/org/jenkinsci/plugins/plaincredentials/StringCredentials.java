package org.jenkinsci.plugins.plaincredentials;

import com.cloudbees.plugins.credentials.common.StandardCredentials;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.util.Secret;

/** Stub of plain-credentials 199.v9f8e1f741799 {@code StringCredentials}, without {@code @NameWith} and its name provider. */
public interface StringCredentials extends StandardCredentials {
    @NonNull Secret getSecret();
}
