package io.jenkins.plugins.signedwebhook.receiver;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class MainTest {
    @TempDir
    Path dir;

    @Test
    void configErrorExitsNonZeroAndNamesTheField() throws Exception {
        Path config = dir.resolve("receiver.yml");
        Files.writeString(config, "listen: nowhere\nhooks: []\n");
        PrintStream saved = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        int code;
        try {
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            code = Main.commandLine().execute("--config", config.toString(), "--check-config");
        } finally {
            System.setErr(saved);
        }
        assertThat(code).isEqualTo(Main.CONFIG_ERROR);
        assertThat(captured.toString(StandardCharsets.UTF_8)).contains("receiver.yml:1: listen: must be host:port");
    }

    @Test
    void missingConfigOptionIsAUsageError() {
        CommandLine cli = Main.commandLine();
        cli.setErr(new PrintWriter(new StringWriter()));
        assertThat(cli.execute()).isNotZero();
    }
}
