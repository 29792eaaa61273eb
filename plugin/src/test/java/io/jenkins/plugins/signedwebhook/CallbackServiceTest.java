package io.jenkins.plugins.signedwebhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.signedwebhook.core.outbound.policy.UrlPolicy;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The stop path the {@code @Terminator} takes, without Jenkins: the sender opens on demand and never after the stop. */
class CallbackServiceTest {
    @TempDir
    Path jenkinsHome;

    private final AtomicInteger opened = new AtomicInteger();

    private CallbackService service() {
        return new CallbackService(() -> {
            opened.incrementAndGet();
            return new CallbackSender(jenkinsHome.resolve("signed-webhook/outbox"), HttpClient::newBuilder,
                    reference -> Optional.empty(), Clock.systemUTC(), new CallbackLimits(5, 5, 3), UrlPolicy.defaults());
        });
    }

    @Test
    void stoppingEndsEveryCallbackThread() throws Exception {
        CallbackService service = service();
        service.drainOnce();
        assertThat(StepDeliveryTest.callbackThreads()).isNotEmpty();

        service.stop();

        assertThat(StepDeliveryTest.callbackThreads()).isEmpty();
    }

    @Test
    void theDrainWorkDoesNotOpenASenderAfterTheStop() throws Exception {
        CallbackService service = service();
        service.drainOnce();
        service.stop();

        service.drainOnce();

        assertThat(opened).hasValue(1);
        assertThat(StepDeliveryTest.callbackThreads()).isEmpty();
        assertThatThrownBy(service::sender).isInstanceOf(IllegalStateException.class).hasMessageContaining("stopping");
    }

    @Test
    void stoppingBeforeAnyCallbackOpensNothing() {
        CallbackService service = service();

        service.stop();

        assertThat(opened).hasValue(0);
    }
}
