package io.jenkins.plugins.signedwebhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.signedwebhook.core.outbound.Attempt;
import io.jenkins.plugins.signedwebhook.core.outbound.AttemptResult;
import io.jenkins.plugins.signedwebhook.core.outbound.DeliveryResult;
import io.jenkins.plugins.signedwebhook.core.outbound.ErrorKind;
import io.jenkins.plugins.signedwebhook.core.outbound.RetryDecision;
import io.jenkins.plugins.signedwebhook.core.outbound.StopReason;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class NotifyResultTest {
    private static final Instant NOW = Instant.parse("2026-11-23T10:15:30Z");

    private static Attempt attempt(int number, AttemptResult result, RetryDecision decision) {
        return new Attempt(number, NOW, Duration.ofMillis(20), result, decision);
    }

    @Test
    void aDeliveredCallbackReturnsItsAttemptsIdAndStatus() {
        DeliveryResult delivered = new DeliveryResult.Delivered("msg_a", List.of(
                attempt(1, new AttemptResult.Answered(503, Optional.empty()), new RetryDecision.RetryAt(NOW)),
                attempt(2, new AttemptResult.Succeeded(204), new RetryDecision.Delivered())));

        NotifyResult result = NotifyResult.of(delivered);

        assertThat(result.failed()).isFalse();
        assertThat(result.toMap()).containsExactly(
                java.util.Map.entry("status", "delivered"), java.util.Map.entry("attempts", 2),
                java.util.Map.entry("id", "msg_a"), java.util.Map.entry("httpStatus", 204));
    }

    @Test
    void aFailedCallbackSaysWhyAndHasNoHttpStatusWithoutAnAnswer() {
        DeliveryResult gaveUp = new DeliveryResult.GaveUp("msg_b", StopReason.ATTEMPTS_EXHAUSTED, List.of(
                attempt(1, new AttemptResult.Failed(ErrorKind.CONNECT_FAILED, "ConnectException"),
                        new RetryDecision.GiveUp(StopReason.ATTEMPTS_EXHAUSTED))));

        NotifyResult result = NotifyResult.of(gaveUp);

        assertThat(result.failed()).isTrue();
        assertThat(result.problem()).contains("ATTEMPTS_EXHAUSTED").contains("1 attempt(s)").contains("ConnectException");
        assertThat(result.toMap()).containsEntry("status", "failed").containsEntry("httpStatus", null);
    }

    @Test
    void aQueuedCallbackReturnsAtOnceWithItsId() {
        assertThat(NotifyResult.queued("msg_c").toMap())
                .containsEntry("status", "queued").containsEntry("attempts", 0).containsEntry("id", "msg_c");
    }

    @Test
    void aSecretReferenceRoundTripsEvenWithSpacesInTheJobName() {
        SecretReference reference = new SecretReference("deploy-hook", "folder/my app#42");

        assertThat(SecretReference.decode(reference.encode())).contains(reference);
        assertThat(SecretReference.decode("deploy-hook")).isEmpty();
    }
}
