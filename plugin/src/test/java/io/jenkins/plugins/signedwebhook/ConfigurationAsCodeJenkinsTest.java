package io.jenkins.plugins.signedwebhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.casc.ConfigurationContext;
import io.jenkins.plugins.casc.ConfiguratorRegistry;
import io.jenkins.plugins.casc.misc.ConfiguredWithCode;
import io.jenkins.plugins.casc.misc.JenkinsConfiguredWithCodeRule;
import io.jenkins.plugins.casc.misc.Util;
import io.jenkins.plugins.casc.misc.junit.jupiter.WithJenkinsConfiguredWithCode;
import io.jenkins.plugins.casc.model.CNode;
import org.junit.jupiter.api.Test;

/** unclassified: signedWebhook: round trip (runs with -Pjenkins only). */
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

        ConfigurationContext context = new ConfigurationContext(ConfiguratorRegistry.get());
        CNode exported = Util.getUnclassifiedRoot(context).get("signedWebhook");
        assertThat(Util.toYamlString(exported)).contains("payloadLimitMiB: 10").contains("deliveryLogSize: 500");
    }
}
