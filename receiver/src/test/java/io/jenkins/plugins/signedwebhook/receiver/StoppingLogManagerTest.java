package io.jenkins.plugins.signedwebhook.receiver;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class StoppingLogManagerTest {
    @Test
    void aResetAtShutdownWaitsUntilTheReceiverHasStopped() throws Exception {
        StoppingLogManager manager = new StoppingLogManager(() -> true);
        CountDownLatch stopped = new CountDownLatch(1);
        manager.holdResetUntil(stopped, Duration.ofSeconds(30));
        CountDownLatch resetting = new CountDownLatch(1);

        // As JUL's shutdown hook would, while the receiver's own hook is still stopping it.
        CompletableFuture<Void> reset = CompletableFuture.runAsync(() -> {
            resetting.countDown();
            manager.reset();
        });
        assertThat(resetting.await(10, TimeUnit.SECONDS)).isTrue();
        Thread.sleep(300);
        assertThat(reset).as("the reset, while the receiver stops").isNotDone();

        stopped.countDown();
        reset.get(10, TimeUnit.SECONDS);
    }

    @Test
    void aResetOutsideShutdownDoesNotWait() throws Exception {
        StoppingLogManager manager = new StoppingLogManager(() -> false);
        manager.holdResetUntil(new CountDownLatch(1), Duration.ofSeconds(30));

        CompletableFuture.runAsync(manager::reset).get(10, TimeUnit.SECONDS);
    }

    @Test
    void theJvmIsNotShuttingDownWhileTestsRun() {
        assertThat(StoppingLogManager.jvmShuttingDown()).isFalse();
    }
}
