package io.jenkins.plugins.signedwebhook.receiver.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class MetricsTest {

    @Test
    void aTotalReadAtScrapeTimeStillReadsAfterAGarbageCollection() throws Exception {
        Metrics metrics = new Metrics();
        AtomicLong failures = new AtomicLong(7);
        // A method reference made here, as Receiver makes them: nothing but the registry holds it.
        metrics.total("signed_webhook_store_write_failures", "Failed writes.", failures::get);
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(20);
        }
        assertThat(metrics.render()).contains("signed_webhook_store_write_failures_total 7.0");
    }
}
