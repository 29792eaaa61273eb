package io.jenkins.plugins.signedwebhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.signedwebhook.core.inbound.DeliveryRecord;
import io.jenkins.plugins.signedwebhook.core.inbound.EngineSettings;
import io.jenkins.plugins.signedwebhook.core.inbound.limit.FloodLimits;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConfigurationTest {

    @Test
    void rangesAreCheckedWithTheFieldInTheMessage() {
        assertThat(ConfigurationLimits.PAYLOAD_LIMIT_MIB.check("25")).isEmpty();
        assertThat(ConfigurationLimits.PAYLOAD_LIMIT_MIB.check("101")).get().asString().contains("Payload limit").contains("101");
        assertThat(ConfigurationLimits.DELIVERY_LOG_SIZE.check("ten")).get().asString().contains("whole number");
        assertThatThrownBy(() -> ConfigurationLimits.CALLBACK_MAX_ATTEMPTS.require(0)).hasMessageContaining("Callback attempts");
    }

    @Test
    void aSubmittedFormIsRefusedAtItsFirstBadFieldAndFieldsNotSubmittedAreNotChecked() {
        java.util.Map<String, String> form = java.util.Map.of("payloadLimitMiB", "25", "deliveryLogSize", "5");
        assertThat(ConfigurationLimits.firstProblem(form::get)).get()
                .satisfies(p -> assertThat(p.field()).isEqualTo("deliveryLogSize"))
                .satisfies(p -> assertThat(p.message()).contains("Delivery log size").contains("from 10 to 10000"));
        assertThat(ConfigurationLimits.firstProblem(java.util.Map.of("duplicateWindowMinutes", "90")::get)).isEmpty();
    }

    @Test
    void aValueOutOfRangeReadFromAFileFallsBackToTheDefault() {
        assertThat(ConfigurationLimits.DUPLICATE_WINDOW_MINUTES.orDefault(0)).isEqualTo(60);
        assertThat(ConfigurationLimits.DUPLICATE_WINDOW_MINUTES.orDefault(90)).isEqualTo(90);
        assertThat(ConfigurationLimits.DELIVERY_LOG_SIZE.orDefault(1_000_000)).isEqualTo(200);
    }

    @Test
    void defaultsAreWithinTheirRanges() {
        for (ConfigurationLimits limit : ConfigurationLimits.values()) {
            assertThat(limit.check(String.valueOf(limit.defaultValue))).as(limit.label()).isEmpty();
        }
    }

    @Test
    void theRateLimitsRangesAreTheCores() {
        assertThat(ConfigurationLimits.FAILED_VERIFICATION_BURST.defaultValue).isEqualTo(FloodLimits.DEFAULT_BURST);
        assertThat(ConfigurationLimits.FAILED_VERIFICATION_BURST.check("0")).get().asString()
                .contains("Failed verifications allowed at once").contains("from 1 to 100000");
        assertThat(ConfigurationLimits.FAILED_VERIFICATIONS_PER_MINUTE.check("60001")).get().asString()
                .contains("Failed verifications allowed a minute");
        assertThat(ConfigurationLimits.FAILED_VERIFICATIONS_PER_MINUTE.orDefault(0)).isEqualTo(FloodLimits.DEFAULT_PER_MINUTE);
    }

    @Test
    void theGitLabTimestampTolerancesRangeAndDefaultAreTheCores() {
        ConfigurationLimits tolerance = ConfigurationLimits.GITLAB_TIMESTAMP_TOLERANCE_MINUTES;
        assertThat(tolerance.field).isEqualTo("gitlabTimestampToleranceMinutes");
        assertThat(Duration.ofMinutes(tolerance.defaultValue)).isEqualTo(EngineSettings.DEFAULT_TIMESTAMP_TOLERANCE);
        assertThat(Duration.ofMinutes(tolerance.min)).isEqualTo(EngineSettings.MIN_TIMESTAMP_TOLERANCE);
        assertThat(Duration.ofMinutes(tolerance.max)).isEqualTo(EngineSettings.MAX_TIMESTAMP_TOLERANCE);
        assertThat(tolerance.check("61")).get().asString().contains("GitLab timestamp tolerance").contains("from 1 to 60");
        assertThat(tolerance.orDefault(0)).as("a file saved before the setting existed").isEqualTo(5);
        assertThat(ConfigurationLimits.firstProblem(java.util.Map.of("gitlabTimestampToleranceMinutes", "0")::get)).get()
                .satisfies(p -> assertThat(p.field()).isEqualTo("gitlabTimestampToleranceMinutes"));
    }

    @Test
    void trustedProxiesAreAddressesAndBlocksNeverNames() {
        assertThat(TrustedProxies.problem("10.0.0.5\n10.20.0.0/16, 2001:db8::/32")).isEmpty();
        assertThat(TrustedProxies.problem("")).isEmpty();
        assertThat(TrustedProxies.ranges("10.0.0.5 10.20.0.0/16")).extracting(Object::toString)
                .containsExactly("10.0.0.5/32", "10.20.0.0/16");
        assertThat(TrustedProxies.problem("proxy.internal")).get().asString().contains("Trusted proxies").contains("proxy.internal");
    }

    @Test
    void allowedCallbackHostsAcceptHostsAddressesAndBlocks() {
        assertThat(CallbackHosts.problem("deploy-bot.internal\n10.20.0.0/16, 192.168.1.5")).isEmpty();
        assertThat(CallbackHosts.problem("")).isEmpty();
        assertThat(CallbackHosts.problem("10.0.0.0/99")).get().asString().contains("Private callback hosts allowed");
    }

    @Test
    void deliveryLogRowsExplainWhyAndOnlyForTheirJob() {
        DeliveryRecord r = new DeliveryRecord(Instant.parse("2026-11-25T10:00:00Z"), "d-1", "push", "o/a", "refs/heads/dev",
                "ignored", 200, List.of(), "a: ref refs/heads/dev does not match main; b: trusts another secret",
                List.of(new DeliveryRecord.Note("a", "ref refs/heads/dev does not match main"),
                        new DeliveryRecord.Note("b", "not considered: it trusts another secret")));
        assertThat(new DeliveryRow(r, null).getWhy()).contains("a: ref").contains("b: trusts");
        assertThat(new DeliveryRow(r, "a").getWhy()).isEqualTo("ref refs/heads/dev does not match main");
        assertThat(new DeliveryRow(r, null).getVerdict()).isEqualTo("ignored (200)");
        assertThat(new DeliveryRow(r, null).getStarted()).isEqualTo("-");
    }

    @Test
    void environmentActionCarriesTheVariables() {
        WebhookEnvironmentAction action = new WebhookEnvironmentAction(java.util.Map.of("WEBHOOK_REF", "refs/heads/main"));
        assertThat(action.getVariables()).containsEntry("WEBHOOK_REF", "refs/heads/main");
        assertThat(action.getIconFileName()).isNull();
    }
}
