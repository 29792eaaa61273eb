package io.jenkins.plugins.signedwebhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.signedwebhook.core.outbound.DeliveryLimits;
import io.jenkins.plugins.signedwebhook.core.outbound.Timeouts;
import io.jenkins.plugins.signedwebhook.core.outbound.policy.UrlPolicy;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NotifyArgumentsTest {

    private static NotifyArguments minimal(String url, String credentialsId) {
        return NotifyArguments.of(url, credentialsId, null, null, null, null, null, true, false, UrlPolicy.defaults());
    }

    @Test
    void defaultsToDeployFinishedTheBuildResultWaitingAndNotFailing() {
        NotifyArguments args = minimal("https://deploy.example/hooks/jenkins", "deploy-hook");

        assertThat(args.type()).isEqualTo("deploy.finished");
        assertThat(args.status()).isNull();
        assertThat(args.fields()).isEmpty();
        assertThat(args.timeoutSeconds()).isNull();
        assertThat(args.retries()).isNull();
        assertThat(args.url().getHost()).isEqualTo("deploy.example");
    }

    @Test
    void requiresUrlAndCredentialsId() {
        assertThatThrownBy(() -> minimal(" ", "deploy-hook")).hasMessageContaining("url is required");
        assertThatThrownBy(() -> minimal("https://deploy.example/", "")).hasMessageContaining("credentialsId is required");
    }

    @Test
    void refusesNonHttpUrlsWithoutRepeatingThem() {
        assertThatThrownBy(() -> minimal("ftp://deploy.example/?token=hunter2", "deploy-hook"))
                .hasMessageContaining("http:// or https://")
                .hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> minimal("/relative/path", "deploy-hook")).hasMessageContaining("absolute");
    }

    @Test
    void refusesNumericHostFormsThatEverySendWouldRefuse() {
        for (String url : List.of("http://2130706433:8080/", "http://0x7f000001/", "http://0177.0.0.1/")) {
            assertThat(NotifyArguments.checkUrl(url + "?token=hunter2", UrlPolicy.defaults())).as(url)
                    .hasValueSatisfying(problem -> assertThat(problem).contains("is not dotted-decimal IPv4")
                            .doesNotContain("hunter2"));
        }
    }

    @Test
    void refusesALoopbackOrMetadataAddressUnlessTheAllowListOpensIt() {
        assertThat(NotifyArguments.checkUrl("http://127.0.0.1:9/hook", UrlPolicy.defaults()))
                .hasValueSatisfying(problem -> assertThat(problem).contains("127.0.0.1 is loopback")
                        .contains("Private callback hosts allowed"));
        assertThat(NotifyArguments.checkUrl("http://127.0.0.1:9/hook", CallbackHosts.policy("127.0.0.1"))).isEmpty();
        assertThat(NotifyArguments.checkUrl("http://169.254.169.254/", CallbackHosts.policy("169.254.0.0/16")))
                .hasValueSatisfying(problem -> assertThat(problem).contains("metadata"));
    }

    @Test
    void leavesHostNamesToBeResolvedWhenSent() {
        assertThat(NotifyArguments.checkUrl("https://deploy.internal/hook", UrlPolicy.defaults())).isEmpty();
    }

    @Test
    void checksTypeAndStatusAlphabet() {
        assertThatThrownBy(() -> NotifyArguments.of("https://a.example/", "id", null, "deploy finished", null, null, null, true, false, UrlPolicy.defaults()))
                .hasMessageContaining("type must be");
        assertThatThrownBy(() -> NotifyArguments.of("https://a.example/", "id", "ok!", null, null, null, null, true, false, UrlPolicy.defaults()))
                .hasMessageContaining("status must be");
    }

    @Test
    void checksTimeoutAndRetriesRanges() {
        assertThatThrownBy(() -> NotifyArguments.of("https://a.example/", "id", null, null, null, 0, null, true, false, UrlPolicy.defaults()))
                .hasMessageContaining("timeout must be from 1 to 600, not 0");
        assertThatThrownBy(() -> NotifyArguments.of("https://a.example/", "id", null, null, null, null, 20, true, false, UrlPolicy.defaults()))
                .hasMessageContaining("retries must be from 0 to 19, not 20");
        assertThat(NotifyArguments.checkRetries("two")).hasValueSatisfying(p -> assertThat(p).contains("whole number"));
        assertThat(NotifyArguments.checkTimeout("")).isEmpty();
    }

    @Test
    void sendsStringsNumbersAndBooleansAsStrings() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("environment", "production");
        data.put("replicas", 3);
        data.put("ratio", new BigDecimal("0.50"));
        data.put("canary", true);

        assertThat(NotifyArguments.fields(data))
                .containsExactly(Map.entry("environment", "production"), Map.entry("replicas", "3"),
                        Map.entry("ratio", "0.50"), Map.entry("canary", "true"));
    }

    @Test
    void refusesValuesThatAreNotJsonScalarsNamingTheKey() {
        assertThatThrownBy(() -> NotifyArguments.fields(Map.of("hosts", List.of("a", "b"))))
                .hasMessageContaining("data.hosts is a")
                .hasMessageContaining("only strings, finite numbers and booleans");
        assertThatThrownBy(() -> NotifyArguments.fields(Map.of("ratio", Double.NaN))).hasMessageContaining("data.ratio");
        Map<String, Object> withNull = new LinkedHashMap<>();
        withNull.put("owner", null);
        assertThatThrownBy(() -> NotifyArguments.fields(withNull)).hasMessageContaining("data.owner is null");
        assertThatThrownBy(() -> NotifyArguments.fields(Map.of(1, "x"))).hasMessageContaining("keys must be non-empty strings");
    }

    @Test
    void stepLimitsTravelWithTheMessageAndOnlyLowerTheGlobalOnes() {
        CallbackLimits global = new CallbackLimits(10, 30, 5);

        NotifyArguments lower = NotifyArguments.of("https://a.example/", "id", null, null, null, 5, 1, true, false, UrlPolicy.defaults());
        NotifyArguments higher = NotifyArguments.of("https://a.example/", "id", null, null, null, 120, 10, true, false, UrlPolicy.defaults());

        assertThat(lower.deliveryLimits()).isEqualTo(DeliveryLimits.of(2, Duration.ofSeconds(5)));
        assertThat(lower.deliveryLimits().lower(global.retryPolicy()).maxAttempts()).isEqualTo(2);
        assertThat(lower.deliveryLimits().lower(global.timeouts())).isEqualTo(new Timeouts(Duration.ofSeconds(5), Duration.ofSeconds(5)));
        assertThat(higher.deliveryLimits().lower(global.retryPolicy())).isEqualTo(global.retryPolicy());
        assertThat(higher.deliveryLimits().lower(global.timeouts())).isEqualTo(global.timeouts());
        assertThat(minimal("https://a.example/", "id").deliveryLimits()).isEqualTo(DeliveryLimits.NONE);
    }

    @Test
    void describesItselfWithoutPathOrQuery() {
        assertThat(minimal("https://deploy.example/hook?token=hunter2", "id").toString())
                .contains("deploy.example")
                .doesNotContain("hunter2");
    }
}
