package io.jenkins.plugins.signedwebhook.receiver.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ConfigLoaderTest {
    private static final String SECRET_VALUE = "super-secret-value";

    @TempDir
    Path dir;

    private final ConfigLoader loader = new ConfigLoader(Map.of("APP_HOOK_SECRET", SECRET_VALUE, "CALLBACK_SECRET", "cb")::get);

    private static final String VALID = """
            listen: 127.0.0.1:9000
            dataDir: ./data
            maxBodyBytes: 26214400
            callbackAllow: []
            hooks:
              - id: app
                repository: owner/app
                refs: [main, "release/*"]
                paths: {include: ["src/**"], exclude: ["docs/**"]}
                events: [push]
                secrets: [{env: APP_HOOK_SECRET}, {file: old.secret}]
                command: ["./deploy.sh", "--fast"]
                workdir: .
                env: [PATH, HOME]
                timeout: 10m
                onInterrupted: requeue
                keepRuns: 50
                callbacks:
                  - url: https://ci.example/hooks/deploys
                    secret: {env: CALLBACK_SECRET}
                    scheme: standard-webhooks
                    fields: {environment: production}
            """;

    private ReceiverConfig parse(String yaml) throws ConfigException {
        return loader.parse(yaml, dir, "receiver.yml");
    }

    @Test
    void readsEveryDocumentedKey() throws Exception {
        Files.writeString(dir.resolve("old.secret"), "previous\n");
        ReceiverConfig config = parse(VALID);
        HookConfig hook = config.hooks().get(0);
        assertThat(config.listen().getPort()).isEqualTo(9000);
        assertThat(config.dataDir()).isEqualTo(dir.resolve("data"));
        assertThat(hook.subscription().secrets()).hasSize(2);
        assertThat(hook.command()).containsExactly("./deploy.sh", "--fast");
        assertThat(hook.timeout()).isEqualTo(Duration.ofMinutes(10));
        assertThat(hook.onInterrupted()).isEqualTo(HookConfig.OnInterrupted.REQUEUE);
        assertThat(hook.keepRuns()).isEqualTo(50);
        assertThat(hook.callbacks().get(0).fields()).containsEntry("environment", "production");
        assertThat(hook.callbacks().get(0).scheme()).isEqualTo(HookConfig.Scheme.STANDARD_WEBHOOKS);
        assertThat(hook.callbacks().get(0).secrets()).allSatisfy(s -> {
            assertThat(s.signsStandardWebhooks()).isTrue();
            assertThat(s.signsGitHub()).as("scheme: standard-webhooks sends no X-Hub-Signature-256").isFalse();
        });
    }

    @Test
    void shutdownGraceDefaultsToThirtySecondsAndIsRead() throws Exception {
        Files.writeString(dir.resolve("old.secret"), "previous");
        assertThat(parse(VALID).shutdownGrace()).isEqualTo(Duration.ofSeconds(30));
        assertThat(parse("shutdownGrace: 10m\n" + VALID).shutdownGrace()).isEqualTo(Duration.ofMinutes(10));
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
        "0s | must be longer than zero",
        "soon | must be a number and a unit",
        "2h | must be at most 1h, not 2h"})
    void aBadShutdownGraceNamesTheFieldAndLine(String value, String problem) throws Exception {
        Files.writeString(dir.resolve("old.secret"), "previous");
        assertThatThrownBy(() -> parse("shutdownGrace: " + value + "\n" + VALID))
                .hasMessageStartingWith("receiver.yml:1: shutdownGrace: " + problem);
    }

    @Test
    void unknownFieldIsNamedWithItsLine() {
        assertThatThrownBy(() -> parse("hooks:\n  - id: app\n    comand: [x]\n"))
                .hasMessageStartingWith("receiver.yml:3: hooks[0].comand: unknown field");
    }

    @Test
    void missingSecretVariableNamesTheFieldAndNotTheValue() {
        assertThatThrownBy(() -> parse(VALID.replace("{env: APP_HOOK_SECRET}", "{env: NOT_SET}")))
                .hasMessageContaining("receiver.yml:11: hooks[0].secrets[0].env: environment variable NOT_SET is not set")
                .hasMessageNotContaining(SECRET_VALUE);
    }

    @Test
    void inlineSecretIsRefused() {
        assertThatThrownBy(() -> parse(VALID.replace("{env: APP_HOOK_SECRET}", "{value: inline}")))
                .hasMessageContaining("hooks[0].secrets[0].value: unknown field");
    }

    @Test
    void badTimeoutNamesTheField() throws Exception {
        Files.writeString(dir.resolve("old.secret"), "previous");
        assertThatThrownBy(() -> parse(VALID.replace("timeout: 10m", "timeout: ten minutes")))
                .hasMessageContaining("receiver.yml:15: hooks[0].timeout: must be a number and a unit");
    }

    @Test
    void badRefPatternNamesTheField() throws Exception {
        Files.writeString(dir.resolve("old.secret"), "previous");
        assertThatThrownBy(() -> parse(VALID.replace("refs: [main, \"release/*\"]", "refs: [\"!\"]")))
                .hasMessageContaining("hooks[0].refs:");
    }

    @Test
    void commandMustBeAList() throws Exception {
        Files.writeString(dir.resolve("old.secret"), "previous");
        assertThatThrownBy(() -> parse(VALID.replace("command: [\"./deploy.sh\", \"--fast\"]", "command: ./deploy.sh --fast")))
                .hasMessageContaining("hooks[0].command: expected a list");
    }

    @Test
    void duplicateHookIdsAreRefused() throws Exception {
        Files.writeString(dir.resolve("old.secret"), "previous");
        String second = VALID.substring(VALID.indexOf("  - id: app"));
        assertThatThrownBy(() -> parse(VALID + second)).hasMessageContaining("hooks[1].id: 'app' is used by an earlier hook");
    }

    @Test
    void unknownOnInterruptedValueIsRefused() throws Exception {
        Files.writeString(dir.resolve("old.secret"), "previous");
        assertThatThrownBy(() -> parse(VALID.replace("onInterrupted: requeue", "onInterrupted: retry")))
                .hasMessageContaining("receiver.yml:16: hooks[0].onInterrupted: must be requeue or fail");
    }

    @Test
    void keepRunsDefaultsToAThousand() throws Exception {
        Files.writeString(dir.resolve("old.secret"), "previous");
        assertThat(parse(VALID.replace("    keepRuns: 50\n", "")).hooks().get(0).keepRuns()).isEqualTo(1000);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-3", "2.5", "ten", "'5'", "3000000000"})
    void keepRunsThatIsNotAPositiveWholeNumberNamesTheFieldAndLine(String value) throws Exception {
        Files.writeString(dir.resolve("old.secret"), "previous");
        assertThatThrownBy(() -> parse(VALID.replace("keepRuns: 50", "keepRuns: " + value)))
                .hasMessageContaining("receiver.yml:17: hooks[0].keepRuns: must be a whole number of at least 1");
    }
}
