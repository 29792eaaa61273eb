package io.jenkins.plugins.signedwebhook;

import com.cloudbees.plugins.credentials.CredentialsMatchers;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardListBoxModel;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.Extension;
import hudson.model.Action;
import hudson.model.Item;
import hudson.model.Job;
import hudson.security.ACL;
import hudson.triggers.Trigger;
import hudson.triggers.TriggerDescriptor;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import jenkins.model.Jenkins;
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
    private final String repository;
    private final String credentialsId;
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

    TriggerSettings settings() {
        return new TriggerSettings(repository, refs, includePaths, excludePaths, buildOnDelete);
    }

    @Override
    public void start(Job<?, ?> project, boolean newInstance) {
        super.start(project, newInstance);
        WebhookService.get().register(project, this);
    }

    @Override
    public void stop() {
        if (job != null) {
            WebhookService.get().unregister(job.getFullName());
        }
        super.stop();
    }

    @Override
    public Collection<? extends Action> getProjectActions() {
        return job == null ? List.of() : List.of(new JobDeliveriesAction(job));
    }

    /** The Secret text credential this job trusts, looked up as the webhook runs: as SYSTEM, in the job's context. */
    @CheckForNull
    StringCredentials lookupCredential(Job<?, ?> owner) {
        if (credentialsId.isEmpty()) {
            return null;
        }
        return CredentialsMatchers.firstOrNull(
                CredentialsProvider.lookupCredentialsInItem(StringCredentials.class, owner, ACL.SYSTEM2, List.of()),
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
            return "Build when GitHub delivers a signed push";
        }

        private static boolean mayConfigure(@CheckForNull Item item) {
            return item == null ? Jenkins.get().hasPermission(Jenkins.ADMINISTER) : item.hasPermission(Item.CONFIGURE);
        }

        @POST
        public ListBoxModel doFillCredentialsIdItems(@AncestorInPath Item item, @QueryParameter String credentialsId) {
            StandardListBoxModel result = new StandardListBoxModel();
            String current = credentialsId == null ? "" : credentialsId;
            if (!mayConfigure(item)) {
                return result.includeCurrentValue(current);
            }
            return result.includeEmptyValue()
                    .includeMatchingAs(ACL.SYSTEM2, item, StringCredentials.class, List.of(), CredentialsMatchers.always())
                    .includeCurrentValue(current);
        }

        @POST
        public FormValidation doCheckCredentialsId(@AncestorInPath Item item, @QueryParameter String value) {
            if (!mayConfigure(item)) {
                return FormValidation.ok();
            }
            if (value == null || value.isBlank()) {
                return FormValidation.error("Choose the Secret text credential that holds the webhook's secret: nothing builds without one.");
            }
            List<StringCredentials> visible = CredentialsProvider.lookupCredentialsInItem(StringCredentials.class, item, ACL.SYSTEM2, List.of());
            if (CredentialsMatchers.firstOrNull(visible, CredentialsMatchers.withId(value)) == null) {
                return FormValidation.error("No Secret text credential with id '" + value + "' is visible to this job.");
            }
            return FormValidation.ok();
        }

        @POST
        public FormValidation doCheckRepository(@AncestorInPath Item item, @QueryParameter String value) {
            return mayConfigure(item) ? toValidation(TriggerSettings.checkRepository(value)) : FormValidation.ok();
        }

        @POST
        public FormValidation doCheckRefs(@AncestorInPath Item item, @QueryParameter String value) {
            return mayConfigure(item) ? toValidation(TriggerSettings.checkRefs(value)) : FormValidation.ok();
        }

        @POST
        public FormValidation doCheckIncludePaths(@AncestorInPath Item item, @QueryParameter String value) {
            return mayConfigure(item) ? toValidation(TriggerSettings.checkPaths(value, "include")) : FormValidation.ok();
        }

        @POST
        public FormValidation doCheckExcludePaths(@AncestorInPath Item item, @QueryParameter String value) {
            return mayConfigure(item) ? toValidation(TriggerSettings.checkPaths(value, "exclude")) : FormValidation.ok();
        }

        private static FormValidation toValidation(Optional<String> problem) {
            return problem.map(FormValidation::error).orElseGet(FormValidation::ok);
        }
    }
}
