package io.jenkins.plugins.signedwebhook;

import hudson.Extension;
import hudson.model.Item;
import hudson.model.Job;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.signedwebhook.core.forge.Forge;
import java.io.ObjectStreamException;
import java.util.Locale;
import java.util.Optional;
import jenkins.model.ParameterizedJobMixIn;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * Builds a job when a forge (GitHub unless set) delivers a push, signed with the job's secret, to a matching ref. In a
 * Jenkinsfile: {@code triggers { signedWebhook(repository: 'owner/app', refs: 'main', credentialsId: 'github-hook-secret') }}.
 */
public class SignedWebhookTrigger extends AbstractSignedWebhookTrigger<Job<?, ?>> {
    private boolean buildOnDelete;
    // Not final: readResolve gives a trigger saved before forges existed GitHub, any host, a signature required.
    private String forge = Forge.GITHUB.id();
    private String host = "";
    private boolean tokenOnly;

    @DataBoundConstructor
    public SignedWebhookTrigger(String repository, String credentialsId) {
        super(repository, credentialsId);
    }

    public boolean isBuildOnDelete() {
        return buildOnDelete;
    }

    @DataBoundSetter
    public void setBuildOnDelete(boolean buildOnDelete) {
        this.buildOnDelete = buildOnDelete;
    }

    /** Which forge's deliveries start this job: a {@link Forge#id()}, {@code github} unless set. */
    public String getForge() {
        return forge;
    }

    @DataBoundSetter
    public void setForge(String forge) {
        this.forge = forge == null || forge.isBlank() ? Forge.GITHUB.id() : forge.strip().toLowerCase(Locale.ROOT);
    }

    public String getHost() {
        return host;
    }

    @DataBoundSetter
    public void setHost(String host) {
        this.host = host == null ? "" : host.strip();
    }

    public boolean isTokenOnly() {
        return tokenOnly;
    }

    @DataBoundSetter
    public void setTokenOnly(boolean tokenOnly) {
        this.tokenOnly = tokenOnly;
    }

    @Override
    protected Object readResolve() throws ObjectStreamException {
        super.readResolve();
        forge = forge == null || forge.isBlank() ? Forge.GITHUB.id() : forge;
        host = host == null ? "" : host;
        return this;
    }

    @Override
    TriggerSettings settings() {
        return new TriggerSettings(getRepository(), getRefs(), getIncludePaths(), getExcludePaths(), buildOnDelete, false,
                forge, host, tokenOnly);
    }

    @Extension
    @Symbol("signedWebhook")
    public static class DescriptorImpl extends SignedTriggerDescriptor {

        @Override
        public boolean isApplicable(Item item) {
            return item instanceof ParameterizedJobMixIn.ParameterizedJob;
        }

        @Override
        public String getDisplayName() {
            return Messages.SignedWebhookTrigger_DisplayName();
        }

        @POST
        public FormValidation doCheckRepository(@AncestorInPath Item item, @QueryParameter String value,
                @QueryParameter String forge) {
            return FormChecks.checked(item, TriggerSettings.checkRepository(value, forge));
        }

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
    }
}
