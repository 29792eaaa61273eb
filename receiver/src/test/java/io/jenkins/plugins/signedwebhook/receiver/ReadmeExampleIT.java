package io.jenkins.plugins.signedwebhook.receiver;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.signedwebhook.core.testing.Fixtures;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What README.md tells a new user to do, with the shaded jar and the shipped example, changed only in its port. */
class ReadmeExampleIT {
    private static final Path EXAMPLES = Path.of("..", "docs", "examples");
    private static final String COMMIT = "abca7305bb3692ff5e2a4da5d7ee0cb2ba2eaff0";

    @TempDir
    Path dir;

    private Process process;

    @AfterEach
    void killLeftover() {
        JarProcess.killLeftover(process);
    }

    @Test
    void theExampleConfigurationAcceptsTheReadmeCurlAndRunsTheExampleDeployScript() throws Exception {
        Path examples = copyOfExamples();
        int port = JarProcess.freePort();
        Path config = examples.resolve("receiver.yml");
        String yaml = Files.readString(config);
        assertThat(yaml).containsOnlyOnce("\nlisten: 127.0.0.1:9000\n");
        Files.writeString(config, yaml.replace("\nlisten: 127.0.0.1:9000\n", "\nlisten: 127.0.0.1:" + port + "\n"));

        process = JarProcess.start(config, Map.of("APP_HOOK_SECRET", "change-me"), dir.resolve("receiver.log"), port);

        byte[] body = Fixtures.github("push-branch.json");
        // As README's curl: a `date +%s%N` delivery id and sha256= the HMAC of the file's bytes.
        String delivery = Long.toString(System.currentTimeMillis() * 1_000_000L);
        HttpResponse<String> answer = JarProcess.post(port, "change-me", body, delivery);

        assertThat(answer.statusCode()).isEqualTo(202);
        assertThat(answer.body()).contains("\"result\":\"accepted\"");
        Path deployed = examples.resolve("deployed.txt");
        TestReceiver.await(() -> Files.exists(deployed));
        List<String> lines = Files.readAllLines(deployed);
        assertThat(lines).hasSize(1);
        assertThat(lines.get(0)).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ refs/heads/main " + COMMIT);

        process.destroy();
        assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
    }

    /**
     * The example's files (those in git: not a deployed.txt or data directory a README run left) copied, so that the
     * run's data and deployed.txt land outside the source tree.
     */
    private Path copyOfExamples() throws IOException {
        Path copy = dir.resolve("examples");
        Files.createDirectories(copy);
        for (String name : List.of("receiver.yml", "deploy-example.sh")) {
            Files.copy(EXAMPLES.resolve(name), copy.resolve(name), StandardCopyOption.COPY_ATTRIBUTES);
        }
        return copy;
    }
}
