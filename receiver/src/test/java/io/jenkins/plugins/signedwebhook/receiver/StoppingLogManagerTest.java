package io.jenkins.plugins.signedwebhook.receiver;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class StoppingLogManagerTest {
    @AfterEach
    void release() {
        StoppingLogManager.holdResetUntil(null, java.time.Duration.ZERO);
    }

    @Test
    void aResetWaitsUntilTheReceiverHasStopped() throws Exception {
        StoppingLogManager manager = new StoppingLogManager();
        CountDownLatch stopped = new CountDownLatch(1);
        StoppingLogManager.holdResetUntil(stopped, java.time.Duration.ofSeconds(30));

        // As JUL's shutdown hook would, while the receiver's own hook is still stopping it.
        CompletableFuture<Void> reset = CompletableFuture.runAsync(manager::reset);
        Thread.sleep(300);
        assertThat(reset).as("the reset, while the receiver stops").isNotDone();

        stopped.countDown();
        reset.get(10, TimeUnit.SECONDS);
        assertThat(reset).isDone();
    }

    @Test
    void withoutARunningReceiverAResetDoesNotWait() throws Exception {
        StoppingLogManager manager = new StoppingLogManager();

        CompletableFuture.runAsync(manager::reset).get(10, TimeUnit.SECONDS);
    }
}
