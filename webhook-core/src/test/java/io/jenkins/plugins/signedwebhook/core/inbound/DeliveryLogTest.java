package io.jenkins.plugins.signedwebhook.core.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeliveryLogTest {

    private static DeliveryRecord record(String id, String started, String noted) {
        return new DeliveryRecord(Instant.EPOCH, id, "push", "o/r", "refs/heads/main", "accepted", 202,
                started == null ? List.of() : List.of(started), null,
                noted == null ? List.of() : List.of(new DeliveryRecord.Note(noted, "ref does not match")));
    }

    @Test
    void keepsTheNewestFirstUpToItsSize() {
        DeliveryLog log = new DeliveryLog(2);
        log.add(record("1", null, null));
        log.add(record("2", null, null));
        log.add(record("3", null, null));
        assertThat(log.recent()).extracting(DeliveryRecord::deliveryId).containsExactly("3", "2");
    }

    @Test
    void findsTheDeliveriesThatConcernOneJob() {
        DeliveryLog log = new DeliveryLog(10);
        log.add(record("1", "job-a", null));
        log.add(record("2", null, "job-a"));
        log.add(record("3", "job-b", null));
        assertThat(log.concerning("job-a")).extracting(DeliveryRecord::deliveryId).containsExactly("2", "1");
    }

    @Test
    void restoredRecordsGoBehindNewOnes() {
        DeliveryLog log = new DeliveryLog(3);
        log.add(record("new", null, null));
        log.restore(List.of(record("old1", null, null), record("old2", null, null), record("old3", null, null)));
        assertThat(log.recent()).extracting(DeliveryRecord::deliveryId).containsExactly("new", "old1", "old2");
    }

    @Test
    void shrinkingDropsTheOldest() {
        DeliveryLog log = new DeliveryLog(3);
        log.add(record("1", null, null));
        log.add(record("2", null, null));
        log.setCapacity(1);
        assertThat(log.recent()).extracting(DeliveryRecord::deliveryId).containsExactly("2");
    }

    @Test
    void aNoteAddedAfterTheAnswerGoesToThatDeliverysAcceptedRecordAndShowsForItsSubscription() {
        DeliveryLog log = new DeliveryLog(10);
        log.add(record("d-1", "app/main", "app"));
        log.add(record("d-2", "other", "other"));

        log.annotate("d-1", "app", "indexing requested for branch main of app: its source names no revision for it");

        DeliveryRecord amended = log.recent().get(1);
        assertThat(amended.deliveryId()).isEqualTo("d-1");
        assertThat(amended.notes()).extracting(DeliveryRecord.Note::outcome).containsExactly("ref does not match",
                "indexing requested for branch main of app: its source names no revision for it");
        assertThat(log.concerning("app")).hasSize(1);
        assertThat(log.recent().get(0).notes()).hasSize(1);
    }

    @Test
    void aNoteForADeliveryNotRecordedYetJoinsItsRecordWhenItArrives() {
        DeliveryLog log = new DeliveryLog(10);

        log.annotate("d-1", "app", "indexing requested for branch main of app: its source failed");
        log.add(record("d-1", "app/main", null));

        assertThat(log.recent().get(0).notes()).extracting(DeliveryRecord.Note::subscription, DeliveryRecord.Note::outcome)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("app",
                        "indexing requested for branch main of app: its source failed"));
    }

    @Test
    void aRedeliveryAnsweredDuplicateKeepsItsOwnRecordAndTheNoteGoesToTheAcceptedOne() {
        DeliveryLog log = new DeliveryLog(10);
        log.add(record("d-1", "app/main", null));
        log.add(new DeliveryRecord(Instant.EPOCH, "d-1", "push", "o/r", "refs/heads/main", "duplicate", 200, List.of(),
                "already accepted", List.of()));

        log.annotate("d-1", "app", "indexing requested");

        assertThat(log.recent().get(0).notes()).isEmpty();
        assertThat(log.recent().get(1).notes()).extracting(DeliveryRecord.Note::outcome).containsExactly("indexing requested");
    }
}
