package io.jenkins.plugins.signedwebhook;

import com.cloudbees.hudson.plugins.folder.computed.ComputedFolder;
import hudson.Extension;
import hudson.model.Item;
import hudson.util.FormValidation;
import io.jenkins.plugins.signedwebhook.core.multibranch.BranchRouting;
import java.util.List;
import jenkins.branch.MultiBranchProject;
import jenkins.branch.OrganizationFolder;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * On a Multibranch Pipeline, when its forge (GitHub unless set) delivers a signed push, tells branch-api of the pushed branch by its own event (which builds or creates that
 * branch's job), and indexes the project for a deleted branch; on an organization folder, does the same in the
 * repository's project, or scans the folder for a repository it has no project for yet. Under "Scan Multibranch Pipeline Triggers", as cloudbees-folder's periodic trigger is.
 * Needs branch-api (an optional dependency): its descriptor is an optional extension.
 */
public class SignedWebhookFolderTrigger extends AbstractSignedWebhookTrigger<ComputedFolder<?>> {

    @DataBoundConstructor
    public SignedWebhookFolderTrigger(String repository, String credentialsId) {
        super(repository, credentialsId);
    }

    @Override
    TriggerSettings settings() {
        return settings(BranchRouting.DELIVERS_DELETIONS, job instanceof OrganizationFolder);
    }

    @Extension(optional = true)
    @Symbol("signedWebhookBranches")
    public static class DescriptorImpl extends SignedTriggerDescriptor {
        /** Fails this optional extension's loading without branch-api, before isApplicable could meet its classes. */
        private static final List<Class<?>> NEEDS = List.of(MultiBranchProject.class, OrganizationFolder.class);

        @Override
        public boolean isApplicable(Item item) {
            return item instanceof MultiBranchProject || item instanceof OrganizationFolder;
        }

        @Override
        public String getDisplayName() {
            return Messages.SignedWebhookFolderTrigger_DisplayName();
        }

        /** An organization folder names an owner; a Multibranch Pipeline one repository, as its forge writes it. */
        @POST
        public FormValidation doCheckRepository(@AncestorInPath Item item, @QueryParameter String value,
                @QueryParameter String forge) {
            return FormChecks.checked(item, item instanceof OrganizationFolder
                    ? TriggerSettings.checkOwner(value)
                    : TriggerSettings.checkRepository(value, forge));
        }
    }
}
