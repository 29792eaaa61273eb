package io.jenkins.plugins.signedwebhook.receiver.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.signedwebhook.core.outbound.Callback;
import io.jenkins.plugins.signedwebhook.core.outbound.CallbackData;
import io.jenkins.plugins.signedwebhook.core.outbound.OutboundMessage;
import io.jenkins.plugins.signedwebhook.core.outbound.StopReason;
import io.jenkins.plugins.signedwebhook.core.outbound.outbox.DeadLetter;
import io.jenkins.plugins.signedwebhook.core.outbound.outbox.OutboxRecord;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteOutboxTest {
    private static final Instant NOW = Instant.parse("2026-11-25T06:00:00Z");

    @TempDir
    Path dir;

    private static OutboundMessage message(long seed) {
        Callback callback = Callback.deployFinished(CallbackData.of("app", "SUCCESS").withBuild(seed),
                Clock.fixed(NOW, ZoneOffset.UTC), new Random(seed));
        return OutboundMessage.of(callback, URI.create("https://ci.example/hooks/deploys"), "app#0");
    }

    @Test
    void pendingMessagesSurviveReopeningTheDatabaseSoonestDueFirst() throws Exception {
        OutboundMessage later = message(1);
        OutboundMessage sooner = message(2);
        try (Database db = Database.open(dir)) {
            SqliteOutbox outbox = new SqliteOutbox(db);
            outbox.add(OutboxRecord.fresh(later, NOW.plusSeconds(60)));
            outbox.add(OutboxRecord.fresh(sooner, NOW));
        }
        try (Database db = Database.open(dir)) {
            SqliteOutbox outbox = new SqliteOutbox(db);
            assertThat(outbox.pending()).extracting(OutboxRecord::id).containsExactly(sooner.id(), later.id());
            assertThat(outbox.find(later.id()).orElseThrow().message()).isEqualTo(later);
        }
    }

    @Test
    void updateRecordsTheFailedAttempt() throws Exception {
        try (Database db = Database.open(dir)) {
            SqliteOutbox outbox = new SqliteOutbox(db);
            OutboxRecord fresh = OutboxRecord.fresh(message(3), NOW);
            outbox.add(fresh);
            outbox.update(fresh.failedAttempt("HTTP 503", NOW.plusSeconds(5)));
            OutboxRecord stored = outbox.find(fresh.id()).orElseThrow();
            assertThat(stored.attempts()).isEqualTo(1);
            assertThat(stored.lastError()).contains("HTTP 503");
            assertThat(stored.nextAttemptAt()).isEqualTo(NOW.plusSeconds(5));
        }
    }

    @Test
    void removedAndBuriedMessagesAreNoLongerPending() throws Exception {
        try (Database db = Database.open(dir)) {
            SqliteOutbox outbox = new SqliteOutbox(db);
            OutboxRecord delivered = OutboxRecord.fresh(message(4), NOW);
            OutboxRecord refused = OutboxRecord.fresh(message(5), NOW);
            outbox.add(delivered);
            outbox.add(refused);
            outbox.remove(delivered.id());
            outbox.bury(new DeadLetter(refused.failedAttempt("HTTP 400", NOW), StopReason.REJECTED));
            assertThat(outbox.pending()).isEmpty();
            assertThat(outbox.find(refused.id())).isEmpty();
            assertThat(outbox.deadLetters()).singleElement().satisfies(d -> {
                assertThat(d.reason()).isEqualTo(StopReason.REJECTED);
                assertThat(d.record().lastError()).contains("HTTP 400");
            });
        }
    }
}
