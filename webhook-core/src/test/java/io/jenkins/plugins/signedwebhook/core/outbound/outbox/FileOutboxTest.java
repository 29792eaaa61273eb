package io.jenkins.plugins.signedwebhook.core.outbound.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.signedwebhook.core.outbound.Callback;
import io.jenkins.plugins.signedwebhook.core.outbound.CallbackData;
import io.jenkins.plugins.signedwebhook.core.outbound.DeliveryLimits;
import io.jenkins.plugins.signedwebhook.core.outbound.OutboundMessage;
import io.jenkins.plugins.signedwebhook.core.outbound.StopReason;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileOutboxTest {
    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");

    @TempDir
    Path directory;

    private static OutboxRecord record(String id, Instant due) {
        Callback callback = new Callback("deploy.finished", id, NOW,
                CallbackData.of("app", "SUCCESS").withFields(Map.of("environment", "production")));
        return new OutboxRecord(
                OutboundMessage.of(callback, URI.create("https://hooks.example.com/deploy?x=1"), "deploy-hook-secret"),
                0, due, Optional.empty());
    }

    @Test
    void keepsAnAddedMessageAcrossARestart() throws IOException {
        OutboxRecord record = record("msg_a", NOW);
        new FileOutbox(directory).add(record);

        assertThat(new FileOutbox(directory).pending()).containsExactly(record);
    }

    @Test
    void storesTheSecretReferenceButNeverTheSecret() throws IOException {
        new FileOutbox(directory).add(record("msg_a", NOW));

        String stored = Files.readString(directory.resolve("msg_a.json"));
        assertThat(stored).contains("\"secret_reference\" : \"deploy-hook-secret\"").doesNotContain("whsec_");
    }

    @Test
    void keepsTheBodyByteForByte() throws IOException {
        OutboxRecord record = record("msg_a", NOW);
        new FileOutbox(directory).add(record);

        assertThat(new FileOutbox(directory).pending().get(0).message().bodyBytes())
                .isEqualTo(record.message().bodyBytes());
    }

    @Test
    void refusesASecondMessageWithTheSameId() throws IOException {
        FileOutbox outbox = new FileOutbox(directory);
        outbox.add(record("msg_a", NOW));

        assertThatThrownBy(() -> outbox.add(record("msg_a", NOW))).isInstanceOf(IOException.class);
    }

    @Test
    void updateReplacesTheRecordAfterAFailedAttempt() throws IOException {
        FileOutbox outbox = new FileOutbox(directory);
        OutboxRecord record = record("msg_a", NOW);
        outbox.add(record);

        OutboxRecord failed = record.failedAttempt("HTTP 500", NOW.plusSeconds(2));
        outbox.update(failed);

        assertThat(new FileOutbox(directory).pending()).containsExactly(failed);
    }

    @Test
    void listsPendingMessagesSoonestDueFirst() throws IOException {
        FileOutbox outbox = new FileOutbox(directory);
        outbox.add(record("msg_late", NOW.plusSeconds(60)));
        outbox.add(record("msg_early", NOW));

        assertThat(outbox.pending()).extracting(OutboxRecord::id).containsExactly("msg_early", "msg_late");
    }

    @Test
    void removeForgetsADeliveredMessage() throws IOException {
        FileOutbox outbox = new FileOutbox(directory);
        outbox.add(record("msg_a", NOW));

        outbox.remove("msg_a");

        assertThat(outbox.pending()).isEmpty();
        assertThat(outbox.deadLetters()).isEmpty();
    }

    @Test
    void buryKeepsADeadLetterWithTheLastError() throws IOException {
        FileOutbox outbox = new FileOutbox(directory);
        OutboxRecord record = record("msg_a", NOW);
        outbox.add(record);
        OutboxRecord last = record.failedAttempt("HTTP 410", NOW);

        outbox.bury(new DeadLetter(last, StopReason.GONE));

        FileOutbox reopened = new FileOutbox(directory);
        assertThat(reopened.pending()).isEmpty();
        assertThat(reopened.deadLetters()).containsExactly(new DeadLetter(last, StopReason.GONE));
    }

    @Test
    void setsACorruptFileAsideWithALogLineAndReadsTheRest() throws IOException {
        FileOutbox outbox = new FileOutbox(directory);
        outbox.add(record("msg_good", NOW));
        Files.writeString(directory.resolve("msg_bad.json"), "{\"version\":1,\"id\":\"msg_ba");
        List<String> warnings = captureWarnings();

        List<OutboxRecord> pending = outbox.pending();

        assertThat(pending).extracting(OutboxRecord::id).containsExactly("msg_good");
        assertThat(directory.resolve("corrupt").resolve("msg_bad.json")).exists();
        assertThat(directory.resolve("msg_bad.json")).doesNotExist();
        assertThat(warnings).anySatisfy(line -> assertThat(line).contains("msg_bad.json"));
    }

    @Test
    void setsAsideAFileWhoseIdIsNotItsName() throws IOException {
        FileOutbox outbox = new FileOutbox(directory);
        outbox.add(record("msg_a", NOW));
        Files.move(directory.resolve("msg_a.json"), directory.resolve("msg_b.json"));

        assertThat(outbox.pending()).isEmpty();
        assertThat(directory.resolve("corrupt").resolve("msg_b.json")).exists();
    }

    @Test
    void setsAsideAFileWithAnInvalidValue() throws IOException {
        FileOutbox outbox = new FileOutbox(directory);
        outbox.add(record("msg_a", NOW));
        Path file = directory.resolve("msg_a.json");
        Files.writeString(file, Files.readString(file).replace("\"attempts\" : 0", "\"attempts\" : -3"));

        assertThat(outbox.pending()).isEmpty();
        assertThat(directory.resolve("corrupt").resolve("msg_a.json")).exists();
    }

    @Test
    void deletesTemporaryFilesACrashLeftBehind() throws IOException {
        Files.writeString(directory.resolve(".msg_a.json123.tmp"), "{\"half");

        new FileOutbox(directory);

        assertThat(directory.resolve(".msg_a.json123.tmp")).doesNotExist();
    }

    @Test
    void leavesNoTemporaryFilesAfterWriting() throws IOException {
        FileOutbox outbox = new FileOutbox(directory);
        outbox.add(record("msg_a", NOW));
        outbox.update(record("msg_a", NOW).failedAttempt("HTTP 500", NOW));

        try (Stream<Path> files = Files.list(directory)) {
            assertThat(files.map(path -> path.getFileName().toString())).containsExactlyInAnyOrder("msg_a.json", "dead", "corrupt");
        }
    }

    @Test
    void writesJsonThatNamesEveryField() throws IOException {
        new FileOutbox(directory).add(record("msg_a", NOW).failedAttempt("HTTP 500", NOW.plusSeconds(1)));

        String stored = Files.readString(directory.resolve("msg_a.json"), StandardCharsets.UTF_8);
        assertThat(stored).contains("\"id\" : \"msg_a\"", "\"target\" : \"https://hooks.example.com/deploy?x=1\"",
                "\"attempts\" : 1", "\"next_attempt_at\" : \"2026-11-23T10:00:01Z\"", "\"last_error\" : \"HTTP 500\"",
                "\"body\" : ");
    }

    private static List<String> captureWarnings() {
        List<String> lines = new CopyOnWriteArrayList<>();
        Logger logger = Logger.getLogger(FileOutbox.class.getName());
        logger.addHandler(new Handler() {
            @Override
            public void publish(LogRecord record) {
                lines.add(new java.util.logging.SimpleFormatter().formatMessage(record));
                logger.removeHandler(this);
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        });
        return lines;
    }

    @Test
    void keepsAMessagesOwnLimitsAcrossARestart() throws IOException {
        OutboxRecord plain = record("msg_a", NOW);
        OutboxRecord limited = new OutboxRecord(
                plain.message().withLimits(DeliveryLimits.of(3, Duration.ofSeconds(7))), 0, NOW, Optional.empty());
        new FileOutbox(directory).add(limited);

        assertThat(new FileOutbox(directory).find("msg_a")).contains(limited);
        assertThat(Files.readString(directory.resolve("msg_a.json")))
                .contains("\"max_attempts\" : 3", "\"attempt_timeout_ms\" : 7000");
    }

    @Test
    void aFileWrittenBeforeMessagesHadLimitsLoadsWithTheDispatchersSettings() throws IOException {
        Files.writeString(directory.resolve("msg_old.json"), """
                {
                  "version" : 1,
                  "id" : "msg_old",
                  "target" : "https://hooks.example.com/deploy",
                  "secret_reference" : "deploy-hook of run app#7",
                  "created_at" : "2026-11-23T10:00:00Z",
                  "attempts" : 2,
                  "next_attempt_at" : "2026-11-23T10:00:05Z",
                  "last_error" : "HTTP 503",
                  "body" : "{}"
                }
                """);

        OutboxRecord loaded = new FileOutbox(directory).find("msg_old").orElseThrow();

        assertThat(loaded.message().limits()).isEqualTo(DeliveryLimits.NONE);
        assertThat(loaded.attempts()).isEqualTo(2);
        assertThat(loaded.message().secretReference()).isEqualTo("deploy-hook of run app#7");
    }

    @Test
    void setsAsideAFileWithALimitThatIsNotAnInt() throws IOException {
        new FileOutbox(directory).add(record("msg_a", NOW));
        Path file = directory.resolve("msg_a.json");
        Files.writeString(file, Files.readString(file).replace("\"attempts\" : 0", "\"attempts\" : 0, \"max_attempts\" : \"3\""));

        assertThat(new FileOutbox(directory).pending()).isEmpty();
        assertThat(directory.resolve("corrupt/msg_a.json")).exists();
    }

    @Test
    void findsADeadLetterById() throws IOException {
        FileOutbox outbox = new FileOutbox(directory);
        OutboxRecord record = record("msg_a", NOW).failedAttempt("HTTP 410", NOW);
        outbox.add(record("msg_a", NOW));
        outbox.bury(new DeadLetter(record, StopReason.GONE));

        assertThat(outbox.findDeadLetter("msg_a")).contains(new DeadLetter(record, StopReason.GONE));
        assertThat(outbox.findDeadLetter("msg_b")).isEmpty();
    }
}
