package io.jenkins.plugins.signedwebhook.receiver;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.signedwebhook.core.testing.Fixtures;
import io.jenkins.plugins.signedwebhook.receiver.store.RunState;
import io.jenkins.plugins.signedwebhook.receiver.store.RunStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A command that prints without end cannot fill the disk: its log stops at the hook's maxLogBytes. */
class RunLogCapTest {
    private static final String CUT = "\n[log cut at 1000 bytes]\n";

    @TempDir
    Path dir;

    @Test
    void outputBeyondMaxLogBytesIsCutWithAMarkerAndTheRunStillSucceeds() throws Exception {
        TestReceiver.script(dir, "deploy.sh", "yes | head -c 100000");
        String yaml = """
                listen: 127.0.0.1:0
                dataDir: ./data
                hooks:
                  - id: app
                    repository: octo-org/app
                    secrets: [{env: APP_HOOK_SECRET}]
                    command: [./deploy.sh]
                    workdir: .
                    env: [PATH]
                    maxLogBytes: 1000
                """;
        try (TestReceiver rx = TestReceiver.start(dir, yaml)) {
            assertThat(rx.post("app", Fixtures.github("push-branch.json"), TestReceiver.newDeliveryId()).statusCode())
                    .isEqualTo(202);
            RunStore.Run run = rx.awaitFinished("app", 1).get(0);

            assertThat(run.state()).isEqualTo(RunState.SUCCESS);
            String log = Files.readString(Path.of(run.logPath().orElseThrow()), StandardCharsets.UTF_8);
            assertThat(log).isEqualTo("y\n".repeat(500) + CUT);
            assertThat(log.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(1000 + CUT.length());
        }
    }
}
