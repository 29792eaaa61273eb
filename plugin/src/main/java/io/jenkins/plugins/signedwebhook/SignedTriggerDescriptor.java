package io.jenkins.plugins.signedwebhook;

import hudson.model.Item;
import hudson.triggers.TriggerDescriptor;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.signedwebhook.core.match.PathFilter;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/** The form checks both signed webhook triggers share; each checks its repository field its own way. */
public abstract class SignedTriggerDescriptor extends TriggerDescriptor {

    @POST
    public ListBoxModel doFillCredentialsIdItems(@AncestorInPath Item item, @QueryParameter String credentialsId) {
        return FormChecks.secretTextCredentials(item, credentialsId);
    }

    @POST
    public FormValidation doCheckCredentialsId(@AncestorInPath Item item, @QueryParameter String value) {
        if (!FormChecks.mayListCredentials(item)) {
            return FormValidation.ok();
        }
        if (value == null || value.isBlank()) {
            return FormValidation.error(Messages.SignedWebhookTrigger_CredentialsRequired());
        }
        if (!FormChecks.secretTextVisible(item, value)) {
            return FormValidation.error(Messages.SignedWebhookTrigger_CredentialsNotVisible(value));
        }
        return FormValidation.ok();
    }

    @POST
    public FormValidation doCheckRefs(@AncestorInPath Item item, @QueryParameter String value) {
        return FormChecks.checked(item, TriggerSettings.checkRefs(value));
    }

    @POST
    public FormValidation doCheckIncludePaths(@AncestorInPath Item item, @QueryParameter String value) {
        return FormChecks.checked(item, TriggerSettings.checkPaths(value, PathFilter.Kind.INCLUDE));
    }

    @POST
    public FormValidation doCheckExcludePaths(@AncestorInPath Item item, @QueryParameter String value) {
        return FormChecks.checked(item, TriggerSettings.checkPaths(value, PathFilter.Kind.EXCLUDE));
    }
}
