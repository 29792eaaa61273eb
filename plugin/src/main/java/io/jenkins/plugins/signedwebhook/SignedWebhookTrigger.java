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
import io.jenkins.plugins.signedwebhook.core.match.PathFilter;
import hudson.util.ListBoxModel;
import java.io.ObjectStreamException;
import java.util.Collection;
import java.util.List;
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

    /** A config.xml written by hand, by Job DSL or by a version without a field loads with that field's default. */
    @Override
    protected Object readResolve() throws ObjectStreamException {
        super.readResolve();
        repository = repository == null ? "" : repository.strip();
        credentialsId = credentialsId == null ? "" : credentialsId.strip();
        refs = refs == null ? "" : refs;
        includePaths = includePaths == null ? "" : includePaths;
        excludePaths = excludePaths == null ? "" : excludePaths;
        return this;
    }

    TriggerSettings settings() {
        return new TriggerSettings(repository, refs, includePaths, excludePaths, buildOnDelete);
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
        public FormValidation doCheckRepository(@AncestorInPath Item item, @QueryParameter String value) {
            return FormChecks.checked(item, TriggerSettings.checkRepository(value));
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
