package io.jenkins.plugins.signedwebhook.receiver;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.signedwebhook.core.testing.Fixtures;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The receiver's log, as an administrator greps it: one line per delivery, never a forged field, never a secret. */
class DeliveryLogTest {
    private static final String YAML = """
            listen: 127.0.0.1:0
            dataDir: ./data
            callbackAllow: [127.0.0.1]
            hooks:
              - id: app
                repository: octo-org/app
                refs: ["**"]
                secrets: [{env: APP_HOOK_SECRET}]
                command: [./deploy.sh]
                workdir: .
                env: [PATH]
                callbacks:
                  - url: http://127.0.0.1:9/deploys
                    secret: {env: CALLBACK_SECRET}
                    scheme: both
            """;

    @TempDir
    Path dir;

    // Held here: JUL keeps loggers only weakly, and a collected logger would lose the handler and the level.
    private final Logger logger = Logger.getLogger("io.jenkins.plugins.signedwebhook");
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            records.add(record);
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };
    private Level level;

    @BeforeEach
    void capture() throws Exception {
        level = logger.getLevel();
        logger.setLevel(Level.ALL);
        capture.setLevel(Level.ALL);
        logger.addHandler(capture);
        TestReceiver.script(dir, "deploy.sh", "echo deployed");
    }

    @AfterEach
    void release() {
        logger.removeHandler(capture);
        logger.setLevel(level);
    }

    @Test
    void acceptedDeliveryIsOneLineWithItsIdEventRepositoryRefResultAndStatus() throws Exception {
        String delivery = TestReceiver.newDeliveryId();
        try (TestReceiver rx = TestReceiver.start(dir, YAML)) {
            assertThat(rx.post("app", Fixtures.github("push-branch.json"), delivery).statusCode()).isEqualTo(202);
            rx.awaitFinished("app", 1);
        }

        assertThat(deliveryLine(delivery)).isEqualTo("delivery hook=app id=" + delivery
                + " event=push repository=octo-org/app ref=refs/heads/main result=accepted status=202 started=app");
    }

    @Test
    void refWithANewlineAndQuotesStaysInItsQuotedValueOnOneLine() throws Exception {
        String delivery = TestReceiver.newDeliveryId();
        ObjectNode push = (ObjectNode) Fixtures.MAPPER.readTree(Fixtures.github("push-branch.json"));
        push.put("ref", "refs/heads/x\nresult=forged \"q\"");
        try (TestReceiver rx = TestReceiver.start(dir, YAML)) {
            assertThat(rx.post("app", Fixtures.MAPPER.writeValueAsBytes(push), delivery).statusCode()).isEqualTo(202);
            rx.awaitFinished("app", 1);
        }

        String line = deliveryLine(delivery);
        assertThat(line).doesNotContain("\n", "\r")
                .contains(" ref=\"refs/heads/x\\nresult=forged \\\"q\\\"\" ");
        assertThat(Arrays.stream(line.split(" ")).filter(field -> field.startsWith("result=")))
                .containsExactly("result=accepted");
    }

    @Test
    void noRecordCarriesTheHookOrTheCallbackSecret() throws Exception {
        try (TestReceiver rx = TestReceiver.start(dir, YAML)) {
            assertThat(rx.post("app", Fixtures.github("push-branch.json"), TestReceiver.newDeliveryId()).statusCode())
                    .isEqualTo(202);
            byte[] body = Fixtures.github("push-branch.json");
            assertThat(rx.post("app", body, TestReceiver.newDeliveryId(), "sha256=" + "0".repeat(64)).statusCode())
                    .isEqualTo(403);
            rx.awaitFinished("app", 1);
        }

        SimpleFormatter formatter = new SimpleFormatter();
        assertThat(records).isNotEmpty();
        assertThat(records).extracting(formatter::format).allSatisfy(text -> assertThat(text)
                .doesNotContain(TestReceiver.SECRET, TestReceiver.ENV.get("CALLBACK_SECRET")));
    }

    private String deliveryLine(String delivery) {
        List<String> lines = records.stream()
                .filter(r -> r.getLoggerName().equals(Receiver.class.getName()))
                .map(LogRecord::getMessage)
                .filter(m -> m.startsWith("delivery ") && m.contains(" id=" + delivery + " "))
                .toList();
        assertThat(lines).hasSize(1);
        return lines.get(0);
    }
}
