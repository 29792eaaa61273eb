package io.jenkins.plugins.signedwebhook.receiver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.signedwebhook.receiver.config.ReceiverConfig;
import io.jenkins.plugins.signedwebhook.receiver.store.Database;
import io.jenkins.plugins.signedwebhook.receiver.store.RunState;
import io.jenkins.plugins.signedwebhook.receiver.store.RunStore;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A start that cannot recover what the previous one left stops cleanly and changes nothing it could not finish. */
class ReceiverStartTest {
    @TempDir
    Path dir;

    @Test
    void aStartThatCannotRecoverALeftoverRunFailsNamingTheDataDirAndFreesItsPort() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        ReceiverConfig config = TestReceiver.config(dir, """
                listen: 127.0.0.1:%d
                dataDir: ./data
                callbackAllow: [127.0.0.1]
                hooks:
                  - id: app
                    repository: octo-org/app
                    secrets: [{env: APP_HOOK_SECRET}]
                    command: [/bin/true]
                    callbacks:
                      - url: http://127.0.0.1:9/deploys
                        secret: {env: CALLBACK_SECRET}
                """.formatted(port));
        Instant now = Instant.now();
        try (Database db = Database.open(config.dataDir())) {
            RunStore runs = new RunStore(db);
            runs.enqueue(new RunStore.Work("app", "d1", Map.of(), "octo-org/app", "refs/heads/main", "abc"), now);
            runs.startNext("app", now);
        }
        // As a full disk would: the interrupted run's callback cannot be stored.
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + config.dataDir().resolve("receiver.db"));
                Statement s = c.createStatement()) {
            s.execute("CREATE TRIGGER refuse_callbacks BEFORE INSERT ON outbox BEGIN SELECT RAISE(ABORT, 'disk full'); END");
        }

        assertThatThrownBy(() -> Receiver.start(config, TestReceiver.ENV::get, Clock.systemUTC()))
                .hasMessageContaining("dataDir: cannot recover").hasMessageContaining("disk full");

        try (ServerSocket again = new ServerSocket()) {
            again.bind(new InetSocketAddress("127.0.0.1", port));
        }
        try (Database db = Database.open(config.dataDir())) {
            assertThat(new RunStore(db).ofHook("app")).singleElement()
                    .satisfies(run -> assertThat(run.state()).isEqualTo(RunState.RUNNING));
        }
    }
}
