package io.jenkins.plugins.signedwebhook.receiver;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.signedwebhook.core.testing.Fixtures;
import io.jenkins.plugins.signedwebhook.receiver.store.Database;
import io.jenkins.plugins.signedwebhook.receiver.store.RunState;
import io.jenkins.plugins.signedwebhook.receiver.store.RunStore;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A graceful stop waits for running commands up to {@code shutdownGrace}, then leaves them to the next start. */
class ReceiverStopTest {
    @TempDir
    Path dir;

    private TestReceiver start(String command, String grace) throws Exception {
        TestReceiver.script(dir, "deploy.sh", command);
        return TestReceiver.start(dir, """
                listen: 127.0.0.1:0
                dataDir: ./data
                shutdownGrace: %s
                hooks:
                  - id: app
                    repository: octo-org/app
                    refs: [main]
                    secrets: [{env: APP_HOOK_SECRET}]
                    command: [./deploy.sh]
                    workdir: .
                """.formatted(grace));
    }

    private RunState onlyRunState() throws Exception {
        try (Database db = Database.open(dir.resolve("data"))) {
            return new RunStore(db).ofHook("app").get(0).state();
        }
    }

    @Test
    void aRunThatEndsWithinTheGraceEndsNormally() throws Exception {
        TestReceiver rx = start("sleep 1; echo deployed", "20s");
        rx.post("app", Fixtures.github("push-branch.json"), TestReceiver.newDeliveryId());
        rx.awaitState("app", RunState.RUNNING);

        rx.receiver.close();

        assertThat(onlyRunState()).isEqualTo(RunState.SUCCESS);
    }

    @Test
    void aRunLongerThanTheGraceIsLeftForTheNextStartInsteadOfHoldingTheStop() throws Exception {
        TestReceiver rx = start("sleep 60", "300ms");
        rx.post("app", Fixtures.github("push-branch.json"), TestReceiver.newDeliveryId());
        rx.awaitState("app", RunState.RUNNING);

        Instant before = Instant.now();
        rx.receiver.close();

        // Well under the 30 s default and the command's 60 s: the configured grace was used.
        assertThat(Duration.between(before, Instant.now())).isLessThan(Duration.ofSeconds(15));
        assertThat(onlyRunState()).isEqualTo(RunState.RUNNING);
    }
}
