package io.jenkins.plugins.signedwebhook.core.outbound.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.signedwebhook.core.outbound.Callback;
import io.jenkins.plugins.signedwebhook.core.outbound.CallbackData;
import io.jenkins.plugins.signedwebhook.core.outbound.OutboundMessage;
import io.jenkins.plugins.signedwebhook.core.outbound.StopReason;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileReceiptsTest {
    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");

    @TempDir
    Path directory;

    @Test
    void anExpectedMessageIsAwaitedAcrossARestart() throws IOException {
        new FileReceipts(directory).expect("msg_a", NOW);

        assertThat(new FileReceipts(directory).find("msg_a")).contains(new Receipt.Awaiting("msg_a", NOW));
    }

    @Test
    void keepsTheOutcomeOfAnExpectedMessageUntilItIsCollected() throws IOException {
        FileReceipts receipts = new FileReceipts(directory);
        receipts.expect("msg_a", NOW);
        Receipt delivered = new Receipt.Delivered("msg_a", 3, OptionalInt.of(204), NOW.plusSeconds(9));

        assertThat(receipts.settle(delivered)).isTrue();

        assertThat(new FileReceipts(directory).find("msg_a")).contains(delivered);
        receipts.collect("msg_a");
        assertThat(receipts.find("msg_a")).isEmpty();
    }

    @Test
    void keepsAGivenUpOutcomeWithItsReasonAndLastError() throws IOException {
        FileReceipts receipts = new FileReceipts(directory);
        receipts.expect("msg_a", NOW);
        Receipt gaveUp = new Receipt.GaveUp("msg_a", 2, StopReason.ATTEMPTS_EXHAUSTED, OptionalInt.of(503),
                Optional.of("HTTP 503"), NOW);

        receipts.settle(gaveUp);

        assertThat(new FileReceipts(directory).find("msg_a")).contains(gaveUp);
    }

    @Test
    void ignoresTheOutcomeOfAMessageNobodyAwaits() throws IOException {
        FileReceipts receipts = new FileReceipts(directory);

        assertThat(receipts.settle(new Receipt.Delivered("msg_a", 1, OptionalInt.of(200), NOW))).isFalse();

        assertThat(receipts.find("msg_a")).isEmpty();
        try (Stream<Path> files = Files.list(directory)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void prunesReceiptsWrittenBeforeTheCutoff() throws IOException {
        FileReceipts receipts = new FileReceipts(directory);
        receipts.expect("msg_old", NOW);
        receipts.expect("msg_new", NOW.plus(Duration.ofDays(3)));

        assertThat(receipts.prune(NOW.plus(Duration.ofDays(1)))).isEqualTo(1);

        assertThat(receipts.find("msg_old")).isEmpty();
        assertThat(receipts.find("msg_new")).isPresent();
    }

    @Test
    void aReceiptThatCannotBeReadIsDeletedAndNotReturned() throws IOException {
        Files.writeString(directory.resolve("msg_a.json"), "{\"version\": 1, \"id\": \"msg_a\"");

        assertThat(new FileReceipts(directory).find("msg_a")).isEmpty();
        assertThat(directory.resolve("msg_a.json")).doesNotExist();
    }

    @Test
    void aReceiptFromASettlementCarriesTheLastAttemptsStatus() {
        DeadLetter letter = new DeadLetter(new OutboxRecord(
                OutboundMessage.of(new Callback("deploy.finished", "msg_a", NOW, CallbackData.of("app", "SUCCESS")),
                        URI.create("https://hooks.example.com/"), null),
                1, NOW, Optional.of("HTTP 410")), StopReason.GONE);

        assertThat(Receipt.of(new Settlement.DeadLettered(letter), Optional.empty(), NOW))
                .isEqualTo(new Receipt.GaveUp("msg_a", 1, StopReason.GONE, OptionalInt.empty(), Optional.of("HTTP 410"), NOW));
    }
}
