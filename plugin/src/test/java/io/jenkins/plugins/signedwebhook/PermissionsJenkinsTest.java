package io.jenkins.plugins.signedwebhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import hudson.ExtensionList;
import hudson.model.FreeStyleProject;
import hudson.model.Item;
import hudson.model.User;
import hudson.security.ACL;
import hudson.security.ACLContext;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import jenkins.model.Jenkins;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * Every web method answers nothing useful to a user without Configure (or Extended Read/Use for credentials, or
 * Administer for the global settings), and the same call answers an administrator (runs with -Pjenkins only).
 */
@WithJenkins
class PermissionsJenkinsTest {
    private JenkinsRule r;
    private FreeStyleProject job;

    @BeforeEach
    void setUp(JenkinsRule rule) throws Exception {
        r = rule;
        NeverTwiceJenkinsTest.addSecret(r);
        job = NeverTwiceJenkinsTest.job(r, "app");
        r.jenkins.setSecurityRealm(r.createDummySecurityRealm());
        r.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.ADMINISTER).everywhere().to("admin")
                .grant(Jenkins.READ, Item.READ).everywhere().to("reader"));
    }

    private static <T> T as(String user, Callable<T> call) throws Exception {
        try (ACLContext ignored = ACL.as2(User.getById(user, true).impersonate2())) {
            return call.call();
        }
    }

    /** Each check given a value that is wrong, so that an allowed caller gets an error. */
    private List<Callable<FormValidation>> checksWithBadValues() {
        SignedWebhookTrigger.DescriptorImpl trigger = ExtensionList.lookupSingleton(SignedWebhookTrigger.DescriptorImpl.class);
        NotifyWebhookStep.DescriptorImpl step = ExtensionList.lookupSingleton(NotifyWebhookStep.DescriptorImpl.class);
        SignedWebhookConfiguration global = SignedWebhookConfiguration.get();
        List<Callable<FormValidation>> checks = new ArrayList<>();
        checks.add(() -> trigger.doCheckCredentialsId(job, "no-such-credential"));
        checks.add(() -> trigger.doCheckRepository(job, "not a repository", "github"));
        checks.add(() -> trigger.doCheckForge(job, "sourcehut"));
        checks.add(() -> trigger.doCheckHost(job, "https://git.example.com/x", "gitea"));
        checks.add(() -> trigger.doCheckTokenOnly(job, true, "gitea"));
        checks.add(() -> trigger.doCheckRefs(job, "!"));
        checks.add(() -> trigger.doCheckIncludePaths(job, "a//b["));
        checks.add(() -> trigger.doCheckExcludePaths(job, "a//b["));
        checks.add(() -> step.doCheckCredentialsId(job, ""));
        checks.add(() -> step.doCheckUrl(job, "ftp://example.com/"));
        checks.add(() -> step.doCheckStatus(job, "no spaces allowed"));
        checks.add(() -> step.doCheckType(job, "no spaces allowed"));
        checks.add(() -> step.doCheckTimeout(job, "-1"));
        checks.add(() -> step.doCheckRetries(job, "-1"));
        checks.add(() -> global.doCheckPayloadLimitMiB("0"));
        checks.add(() -> global.doCheckDuplicateWindowMinutes("0"));
        checks.add(() -> global.doCheckDeliveryLogSize("0"));
        checks.add(() -> global.doCheckCallbackConnectTimeoutSeconds("0"));
        checks.add(() -> global.doCheckCallbackTimeoutSeconds("0"));
        checks.add(() -> global.doCheckCallbackMaxAttempts("0"));
        checks.add(() -> global.doCheckCallbackAllowedHosts("10.0.0.0/99"));
        return checks;
    }

    @Test
    void everyFormCheckTellsAReaderNothingAndAnAdministratorWhatIsWrong() throws Exception {
        for (Callable<FormValidation> check : checksWithBadValues()) {
            assertThat(as("reader", check).kind).isEqualTo(FormValidation.Kind.OK);
            assertThat(as("admin", check).kind).isNotEqualTo(FormValidation.Kind.OK);
        }
    }

    @Test
    void credentialDropdownsListNothingButTheCurrentValueForAReader() throws Exception {
        SignedWebhookTrigger.DescriptorImpl trigger = ExtensionList.lookupSingleton(SignedWebhookTrigger.DescriptorImpl.class);
        NotifyWebhookStep.DescriptorImpl step = ExtensionList.lookupSingleton(NotifyWebhookStep.DescriptorImpl.class);

        ListBoxModel forReader = as("reader", () -> trigger.doFillCredentialsIdItems(job, "typed"));
        ListBoxModel forAdmin = as("admin", () -> trigger.doFillCredentialsIdItems(job, ""));
        ListBoxModel stepForReader = as("reader", () -> step.doFillCredentialsIdItems(job, "typed"));

        assertThat(forReader).extracting(o -> o.value).containsExactly("typed");
        assertThat(stepForReader).extracting(o -> o.value).containsExactly("typed");
        assertThat(forAdmin).extracting(o -> o.value).contains("gh-hook");
    }

    @Test
    void deliveryLogsAreForAdministratorsAndTheJobsPageForThoseWhoConfigureIt() throws Exception {
        DeliveryLogLink log = ExtensionList.lookupSingleton(DeliveryLogLink.class);
        JobDeliveriesAction jobLog = new JobDeliveriesAction(job);

        assertThatThrownBy(() -> as("reader", log::getDeliveries)).hasMessageContaining("reader");
        assertThatThrownBy(() -> as("reader", log::getCallbacks)).hasMessageContaining("reader");
        assertThatThrownBy(() -> as("reader", jobLog::getDeliveries)).hasMessageContaining("reader");
        assertThat(as("admin", log::getDeliveries)).isNotNull();
        assertThat(as("admin", jobLog::getDeliveries)).isNotNull();
    }
}
