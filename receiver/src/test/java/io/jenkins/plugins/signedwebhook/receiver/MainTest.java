package io.jenkins.plugins.signedwebhook.receiver;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class MainTest {
    @TempDir
    Path dir;

    @Test
    void configErrorExitsNonZeroAndNamesTheField() throws Exception {
        Path config = dir.resolve("receiver.yml");
        Files.writeString(config, "listen: nowhere\nhooks: []\n");
        Run run = runWithStderr("--config", config.toString(), "--check-config");
        assertThat(run.code()).isEqualTo(Main.CONFIG_ERROR);
        assertThat(run.stderr()).contains("receiver.yml:1: listen: must be host:port");
    }

    @Test
    void listenHostThatDoesNotResolveExitsWithConfigErrorBeforeAnythingStarts() throws Exception {
        Path config = dir.resolve("receiver.yml");
        Files.writeString(config, """
                listen: no-such-host.invalid:9000
                dataDir: ./state
                hooks: []
                """);
        Run run = runWithStderr("--config", config.toString());
        assertThat(run.code()).isEqualTo(Main.CONFIG_ERROR);
        assertThat(run.stderr())
                .contains("receiver.yml:1: listen: host 'no-such-host.invalid' does not resolve");
        assertThat(dir.resolve("state")).doesNotExist();
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void normalStartWithAnInvalidConfigExitsWithConfigErrorAndStartsNothing() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        Files.writeString(dir.resolve("hook.secret"), "a-secret");
        Path config = dir.resolve("receiver.yml");
        Files.writeString(config, """
                listen: 127.0.0.1:%d
                dataDir: ./state
                hooks:
                  - id: app
                    repository: owner/app
                    events: [pushh]
                    secrets: [{file: hook.secret}]
                    command: [/bin/true]
                """.formatted(port));
        Run run = runWithStderr("--config", config.toString());
        assertThat(run.code()).isEqualTo(Main.CONFIG_ERROR);
        assertThat(run.stderr())
                .contains("receiver.yml:6: hooks[0].events: 'pushh' is not an event a hook can run for");
        assertThat(dir.resolve("state")).doesNotExist();
        try (ServerSocket stillFree = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            assertThat(stillFree.getLocalPort()).isEqualTo(port);
        }
    }

    @Test
    void missingConfigOptionIsAUsageError() {
        CommandLine cli = Main.commandLine();
        cli.setErr(new PrintWriter(new StringWriter()));
        assertThat(cli.execute()).isNotZero();
    }

    private static String stdout(String... args) {
        PrintStream saved = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        int code;
        try {
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            code = Main.commandLine().execute(args);
        } finally {
            System.setOut(saved);
        }
        assertThat(code).as("exit code of " + String.join(" ", args)).isZero();
        return captured.toString(StandardCharsets.UTF_8);
    }

    @Test
    void versionNamesTheReceiverAndHelpListsEveryOption() {
        assertThat(stdout("--version")).startsWith("signed-webhook-receiver ");
        assertThat(stdout("--help")).contains("--config").contains("--check-config").contains("--version")
                .contains("--help");
    }

    private record Run(int code, String stderr) {}

    /** Runs the command line as {@code java -jar} would, with what it writes to standard error. */
    private static Run runWithStderr(String... args) {
        PrintStream saved = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try {
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            int code = Main.commandLine().execute(args);
            return new Run(code, captured.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(saved);
        }
    }
}
