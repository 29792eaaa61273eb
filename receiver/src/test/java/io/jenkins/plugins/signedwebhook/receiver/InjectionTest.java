package io.jenkins.plugins.signedwebhook.receiver;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.signedwebhook.core.testing.Fixtures;
import io.jenkins.plugins.signedwebhook.receiver.store.RunState;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/** Payload values reach the command only as environment values: shell syntax in them is data, never code. */
class InjectionTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {
        "refs/heads/$(touch pwned-dollar)",
        "refs/heads/`touch pwned-backtick`",
        "refs/heads/x;touch pwned-semicolon",
        "refs/heads/x\ntouch pwned-newline",
        "refs/heads/x && touch pwned-and | touch pwned-pipe",
        "refs/heads/ünïcødé-✓-$(touch pwned-unicode)",
    })
    void shellSyntaxInRefAndMessageIsPassedVerbatimAndNeverExecuted(String ref) throws Exception {
        TestReceiver.script(dir, "deploy.sh", "printf '%s' \"$WEBHOOK_REF\" > ref.txt\nprintf '%s' \"$WEBHOOK_PUSHER\" > pusher.txt");
        String yaml = """
                listen: 127.0.0.1:0
                dataDir: ./data
                hooks:
                  - id: app
                    repository: octo-org/app
                    refs: ["**"]
                    secrets: [{env: APP_HOOK_SECRET}]
                    command: [./deploy.sh, "$(touch pwned-argument)"]
                    workdir: .
                    env: [PATH]
                """;
        ObjectNode push = (ObjectNode) Fixtures.MAPPER.readTree(Fixtures.github("push-branch.json"));
        push.put("ref", ref);
        ((ObjectNode) push.get("pusher")).put("name", "eve`touch pwned-pusher`$(touch pwned-pusher2)");
        ((ObjectNode) push.get("head_commit")).put("message", "$(touch pwned-message)\n`touch pwned-message2`; touch pwned3");
        try (TestReceiver rx = TestReceiver.start(dir, yaml)) {
            assertThat(rx.post("app", Fixtures.MAPPER.writeValueAsBytes(push), TestReceiver.newDeliveryId()).statusCode())
                    .isEqualTo(202);
            assertThat(rx.awaitFinished("app", 1).get(0).state()).isEqualTo(RunState.SUCCESS);
        }
        assertThat(Files.readString(dir.resolve("ref.txt"), StandardCharsets.UTF_8)).isEqualTo(ref);
        assertThat(Files.readString(dir.resolve("pusher.txt"))).isEqualTo("eve`touch pwned-pusher`$(touch pwned-pusher2)");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(name -> name.contains("pwned"));
        }
    }
}
