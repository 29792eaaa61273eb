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
}
