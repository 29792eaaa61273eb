package io.jenkins.plugins.signedwebhook;

import hudson.model.Item;
import hudson.triggers.TriggerDescriptor;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.signedwebhook.core.forge.Forge;
import io.jenkins.plugins.signedwebhook.core.match.PathFilter;
import java.util.Optional;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/** The form checks both signed webhook triggers share; each checks its repository field its own way. */
public abstract class SignedTriggerDescriptor extends TriggerDescriptor {

    @POST
    public ListBoxModel doFillForgeItems(@AncestorInPath Item item) {
        ListBoxModel items = new ListBoxModel();
        if (!FormChecks.mayConfigure(item)) {
            return items;
        }
        items.add(Messages.SignedWebhookTrigger_ForgeGitHub(), Forge.GITHUB.id());
        items.add(Messages.SignedWebhookTrigger_ForgeGitea(), Forge.GITEA.id());
        items.add(Messages.SignedWebhookTrigger_ForgeForgejo(), Forge.FORGEJO.id());
        items.add(Messages.SignedWebhookTrigger_ForgeGitLab(), Forge.GITLAB.id());
        items.add(Messages.SignedWebhookTrigger_ForgeBitbucket(), Forge.BITBUCKET.id());
        return items;
    }

    @POST
    public FormValidation doCheckForge(@AncestorInPath Item item, @QueryParameter String value) {
        return FormChecks.checked(item, TriggerSettings.checkForge(value));
    }

    @POST
    public FormValidation doCheckHost(@AncestorInPath Item item, @QueryParameter String value,
            @QueryParameter String forge) {
        Optional<String> problem = TriggerSettings.checkHost(value);
        Optional<String> advice = TriggerSettings.hostAdvice(value, forge);
        if (problem.isPresent() || advice.isEmpty()) {
            return FormChecks.checked(item, problem);
        }
        return FormChecks.mayConfigure(item) ? FormValidation.warning(advice.get()) : FormValidation.ok();
    }

    @POST
    public FormValidation doCheckTokenOnly(@AncestorInPath Item item, @QueryParameter boolean value,
            @QueryParameter String forge) {
        Optional<String> problem = TriggerSettings.checkTokenOnly(value, forge);
        if (problem.isPresent() || !value) {
            return FormChecks.checked(item, problem);
        }
        return FormChecks.mayConfigure(item) ? FormValidation.warning(Messages.SignedWebhookTrigger_TokenOnlyWarning())
                : FormValidation.ok();
    }

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
