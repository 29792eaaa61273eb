package io.jenkins.plugins.signedwebhook;

import com.cloudbees.plugins.credentials.CredentialsMatchers;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.Extension;
import hudson.model.Action;
import hudson.model.Item;
import hudson.model.Job;
import hudson.triggers.Trigger;
import hudson.triggers.TriggerDescriptor;
import hudson.util.FormValidation;
import io.jenkins.plugins.signedwebhook.core.forge.Forge;
import io.jenkins.plugins.signedwebhook.core.match.PathFilter;
import hudson.util.ListBoxModel;
import java.io.ObjectStreamException;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import jenkins.model.ParameterizedJobMixIn;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * Builds a job when GitHub delivers a push, signed with the job's secret, to a matching ref. In a Jenkinsfile:
 * {@code triggers { signedWebhook(repository: 'owner/app', refs: 'main', credentialsId: 'github-hook-secret') }}.
 */
public class SignedWebhookTrigger extends Trigger<Job<?, ?>> {
    // Not final: readResolve gives a field absent from an older or hand-written config.xml its default.
    private String repository;
    private String credentialsId;
    private String refs = "";
    private String includePaths = "";
    private String excludePaths = "";
    private boolean buildOnDelete;
    private String forge = Forge.GITHUB.id();
    private String host = "";
    private boolean tokenOnly;

    @DataBoundConstructor
    public SignedWebhookTrigger(String repository, String credentialsId) {
        this.repository = repository == null ? "" : repository.strip();
        this.credentialsId = credentialsId == null ? "" : credentialsId.strip();
    }

    public String getRepository() {
        return repository;
    }

    public String getCredentialsId() {
        return credentialsId;
    }

    public String getRefs() {
        return refs;
    }

    @DataBoundSetter
    public void setRefs(String refs) {
        this.refs = refs == null ? "" : refs.strip();
    }

    public String getIncludePaths() {
        return includePaths;
    }

    @DataBoundSetter
    public void setIncludePaths(String includePaths) {
        this.includePaths = includePaths == null ? "" : includePaths.strip();
    }

    public String getExcludePaths() {
        return excludePaths;
    }

    @DataBoundSetter
    public void setExcludePaths(String excludePaths) {
        this.excludePaths = excludePaths == null ? "" : excludePaths.strip();
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

    /** A config.xml written by hand, by Job DSL or by a version without a field loads with that field's default. */
    @Override
    protected Object readResolve() throws ObjectStreamException {
        super.readResolve();
        repository = repository == null ? "" : repository.strip();
        credentialsId = credentialsId == null ? "" : credentialsId.strip();
        refs = refs == null ? "" : refs;
        includePaths = includePaths == null ? "" : includePaths;
        excludePaths = excludePaths == null ? "" : excludePaths;
        // Triggers saved before forges existed were GitHub's.
        forge = forge == null || forge.isBlank() ? Forge.GITHUB.id() : forge;
        host = host == null ? "" : host;
        return this;
    }

    TriggerSettings settings() {
        return new TriggerSettings(repository, refs, includePaths, excludePaths, buildOnDelete, forge, host, tokenOnly);
    }

    @Override
    public void start(Job<?, ?> project, boolean newInstance) {
        super.start(project, newInstance);
        WebhookService.get().started(project, this);
    }

    @Override
    public void stop() {
        if (job != null) {
            WebhookService.get().stopped(job.getFullName());
        }
        super.stop();
    }

    @Override
    public Collection<? extends Action> getProjectActions() {
        return job == null ? List.of() : List.of(new JobDeliveriesAction(job));
    }

    /** The Secret text credential this job trusts, looked up in the job's context as its builds run (what the dropdown lists). */
    @CheckForNull
    StringCredentials lookupCredential(Job<?, ?> owner) {
        if (credentialsId.isEmpty()) {
            return null;
        }
        return CredentialsMatchers.firstOrNull(
                CredentialsProvider.lookupCredentialsInItem(StringCredentials.class, owner, FormChecks.authenticationOf(owner), List.of()),
                CredentialsMatchers.withId(credentialsId));
    }

    @Extension
    @Symbol("signedWebhook")
    public static class DescriptorImpl extends TriggerDescriptor {

        @Override
        public boolean isApplicable(Item item) {
            return item instanceof ParameterizedJobMixIn.ParameterizedJob;
        }

        @Override
        public String getDisplayName() {
            return Messages.SignedWebhookTrigger_DisplayName();
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
        public FormValidation doCheckHost(@AncestorInPath Item item, @QueryParameter String value) {
            return FormChecks.checked(item, TriggerSettings.checkHost(value));
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
}
