package io.jenkins.plugins.signedwebhook;

import hudson.Extension;
import hudson.model.Item;
import hudson.model.Job;
import hudson.util.FormValidation;
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

    @Override
    TriggerSettings settings() {
        return settings(buildOnDelete, false);
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
    }
}
