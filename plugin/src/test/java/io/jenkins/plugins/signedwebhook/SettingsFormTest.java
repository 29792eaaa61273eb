package io.jenkins.plugins.signedwebhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SettingsFormTest {
    private final AtomicInteger binds = new AtomicInteger();
    private final AtomicInteger saves = new AtomicInteger();

    private java.util.Optional<SettingsForm.Refusal> submit(Map<String, String> form) {
        return SettingsForm.submit(form::get, binds::incrementAndGet, saves::incrementAndGet);
    }

    @Test
    void aUsableFormIsBoundAndSavedOnceWhateverItChanges() {
        assertThat(submit(Map.of("payloadLimitMiB", "25", "duplicateWindowMinutes", "90", "deliveryLogSize", "300",
                "callbackConnectTimeoutSeconds", "5", "callbackTimeoutSeconds", "20", "callbackMaxAttempts", "3",
                "callbackAllowedHosts", "10.20.0.0/16"))).isEmpty();
        assertThat(binds).hasValue(1);
        assertThat(saves).hasValue(1);
    }

    @Test
    void aFormWithOneBadValueIsNeitherBoundNorSavedAndTheRefusalNamesTheField() {
        assertThat(submit(Map.of("duplicateWindowMinutes", "90", "deliveryLogSize", "5"))).get()
                .satisfies(r -> assertThat(r.field()).isEqualTo("deliveryLogSize"))
                .satisfies(r -> assertThat(r.message()).contains("Delivery log size must be from 10 to 10000, not 5"));
        assertThat(binds).hasValue(0);
        assertThat(saves).hasValue(0);
    }

    @Test
    void aBadHostListIsRefusedUnderItsOwnField() {
        assertThat(submit(Map.of("callbackAllowedHosts", "10.0.0.0/99"))).get()
                .satisfies(r -> assertThat(r.field()).isEqualTo("callbackAllowedHosts"));
        assertThat(saves).hasValue(0);
    }

    @Test
    void aBadTrustedProxyIsRefusedUnderItsOwnField() {
        assertThat(submit(Map.of("trustedProxies", "proxy.internal", "failedVerificationBurst", "60"))).get()
                .satisfies(r -> assertThat(r.field()).isEqualTo("trustedProxies"))
                .satisfies(r -> assertThat(r.message()).contains("Trusted proxies"));
        assertThat(submit(Map.of("failedVerificationsPerMinute", "0"))).get()
                .satisfies(r -> assertThat(r.field()).isEqualTo("failedVerificationsPerMinute"));
        assertThat(saves).hasValue(0);
    }
}
