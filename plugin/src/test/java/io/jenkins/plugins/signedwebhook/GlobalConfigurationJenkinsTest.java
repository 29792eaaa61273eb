package io.jenkins.plugins.signedwebhook;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.XmlFile;
import hudson.model.Saveable;
import hudson.model.listeners.SaveableListener;
import java.util.concurrent.atomic.AtomicInteger;
import org.htmlunit.html.HtmlForm;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.TestExtension;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** The global form: one save per submit, and a bad value refused naming its field (runs with -Pjenkins only). */
@WithJenkins
class GlobalConfigurationJenkinsTest {
    private JenkinsRule r;

    @BeforeEach
    void setUp(JenkinsRule rule) {
        r = rule;
        SavesCounted.saves.set(0);
    }

    @Test
    void oneSubmitOfTheFormIsOneSaveAndKeepsTheValues() throws Exception {
        SignedWebhookConfiguration config = SignedWebhookConfiguration.get();
        config.setDeliveryLogSize(300);
        config.setCallbackAllowedHosts("10.20.0.0/16");
        config.setGitlabTimestampToleranceMinutes(15);
        config.save();
        SavesCounted.saves.set(0);

        r.configRoundtrip();

        assertThat(SavesCounted.saves).hasValue(1);
        assertThat(config.getDeliveryLogSize()).isEqualTo(300);
        assertThat(config.getCallbackAllowedHosts()).isEqualTo("10.20.0.0/16");
        assertThat(config.getGitlabTimestampToleranceMinutes()).isEqualTo(15);
        assertThat(config.inboundSettings().engine().timestampTolerance()).isEqualTo(java.time.Duration.ofMinutes(15));
    }

    @Test
    void aValueOutOfRangeIsRefusedNamingTheSettingAndNothingOfTheSubmitIsApplied() throws Exception {
        JenkinsRule.WebClient web = r.createWebClient().withThrowExceptionOnFailingStatusCode(false);
        HtmlPage page = web.goTo("manage/configure");
        HtmlForm form = page.getFormByName("config");
        form.getInputByName("_.deliveryLogSize").setValue("5");
        form.getInputByName("_.duplicateWindowMinutes").setValue("90");

        HtmlPage answer = r.submit(form);

        assertThat(answer.asNormalizedText()).contains("Delivery log size must be from 10 to 10000, not 5");
        assertThat(SignedWebhookConfiguration.get().getDeliveryLogSize()).isEqualTo(200);
        assertThat(SignedWebhookConfiguration.get().getDuplicateWindowMinutes()).isEqualTo(60);
        assertThat(SavesCounted.saves).hasValue(0);
    }

    @TestExtension
    public static class SavesCounted extends SaveableListener {
        static final AtomicInteger saves = new AtomicInteger();

        @Override
        public void onChange(Saveable o, XmlFile file) {
            if (o instanceof SignedWebhookConfiguration) {
                saves.incrementAndGet();
            }
        }
    }
}
