package io.jenkins.plugins.signedwebhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.casc.ConfigurationContext;
import io.jenkins.plugins.casc.Configurator;
import io.jenkins.plugins.casc.ConfiguratorRegistry;
import io.jenkins.plugins.casc.misc.ConfiguredWithCode;
import io.jenkins.plugins.casc.misc.JenkinsConfiguredWithCodeRule;
import io.jenkins.plugins.casc.misc.Util;
import io.jenkins.plugins.casc.misc.junit.jupiter.WithJenkinsConfiguredWithCode;
import io.jenkins.plugins.casc.model.CNode;
import org.junit.jupiter.api.Test;

/** unclassified: signedWebhook: round trip, and the multibranch trigger's signedWebhookBranches (runs with -Pjenkins only). */
@WithJenkinsConfiguredWithCode
class ConfigurationAsCodeJenkinsTest {

    @Test
    @ConfiguredWithCode("casc.yml")
    void configurationIsReadAndExported(JenkinsConfiguredWithCodeRule j) throws Exception {
        SignedWebhookConfiguration config = SignedWebhookConfiguration.get();
        assertThat(config.getPayloadLimitMiB()).isEqualTo(10);
        assertThat(config.getDeliveryLogSize()).isEqualTo(500);
        assertThat(config.getCallbackAllowedHosts()).contains("10.20.0.0/16");
        assertThat(config.getFailedVerificationBurst()).isEqualTo(120);
        assertThat(config.getFailedVerificationsPerMinute()).isEqualTo(30);
        assertThat(config.getTrustedProxies()).isEqualTo("10.0.0.5");
        assertThat(config.getGitlabTimestampToleranceMinutes()).isEqualTo(10);

        ConfigurationContext context = new ConfigurationContext(ConfiguratorRegistry.get());
        CNode exported = Util.getUnclassifiedRoot(context).get("signedWebhook");
        assertThat(Util.toYamlString(exported)).contains("payloadLimitMiB: 10").contains("deliveryLogSize: 500")
                .contains("gitlabTimestampToleranceMinutes: 10");
    }

    /** What Job DSL and JCasC's jobs: write for a Multibranch Pipeline comes back field for field. */
    @Test
    @ConfiguredWithCode("casc.yml")
    void theMultibranchTriggerIsDescribedAndConfiguredThroughItsSymbol(JenkinsConfiguredWithCodeRule j) throws Exception {
        SignedWebhookFolderTrigger trigger = new SignedWebhookFolderTrigger("octo-org/app", "github-hook-secret");
        trigger.setRefs("main, release/*");
        trigger.setIncludePaths("src/**");
        trigger.setExcludePaths("**/*.md");
        trigger.setForge("gitea");
        trigger.setHost("gitea.example.com");
        ConfigurationContext context = new ConfigurationContext(ConfiguratorRegistry.get());
        Configurator<SignedWebhookFolderTrigger> configurator = context.lookupOrFail(SignedWebhookFolderTrigger.class);

        CNode described = configurator.describe(trigger, context);
        SignedWebhookFolderTrigger configured = configurator.configure(described, context);

        assertThat(Util.toYamlString(described)).contains("octo-org/app").contains("github-hook-secret")
                .contains("release/*").contains("src/**").contains("**/*.md");
        assertThat(configured).isNotSameAs(trigger);
        assertThat(configured.getRepository()).isEqualTo("octo-org/app");
        assertThat(configured.getCredentialsId()).isEqualTo("github-hook-secret");
        assertThat(configured.getRefs()).isEqualTo("main, release/*");
        assertThat(configured.getIncludePaths()).isEqualTo("src/**");
        assertThat(configured.getExcludePaths()).isEqualTo("**/*.md");
        assertThat(configured.getForge()).isEqualTo("gitea");
        assertThat(configured.getHost()).isEqualTo("gitea.example.com");
        assertThat(configured.isTokenOnly()).isFalse();
    }
}
