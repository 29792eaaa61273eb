package io.jenkins.plugins.signedwebhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.signedwebhook.core.outbound.StopReason;
import io.jenkins.plugins.signedwebhook.core.outbound.outbox.Receipt;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class NotifyResultTest {
    private static final Instant NOW = Instant.parse("2026-11-23T10:15:30Z");

    @Test
    void aDeliveredCallbackReturnsItsAttemptsIdAndStatus() {
        NotifyResult result = NotifyResult.of(new Receipt.Delivered("msg_a", 2, OptionalInt.of(204), NOW));

        assertThat(result.failed()).isFalse();
        assertThat(result.toMap()).containsExactly(
                Map.entry("status", "delivered"), Map.entry("attempts", 2),
                Map.entry("id", "msg_a"), Map.entry("httpStatus", 204));
    }

    @Test
    void aFailedCallbackSaysWhyAndHasNoHttpStatusWithoutAnAnswer() {
        NotifyResult result = NotifyResult.of(new Receipt.GaveUp("msg_b", 1, StopReason.ATTEMPTS_EXHAUSTED,
                OptionalInt.empty(), Optional.of("CONNECT_FAILED: ConnectException"), NOW));

        assertThat(result.failed()).isTrue();
        assertThat(result.problem()).contains("ATTEMPTS_EXHAUSTED").contains("1 attempt(s)").contains("ConnectException");
        assertThat(result.toMap()).containsEntry("status", "failed").containsEntry("httpStatus", null);
    }

    @Test
    void aCallbackStillAwaitedHasNoResultYet() {
        assertThatThrownBy(() -> NotifyResult.of(new Receipt.Awaiting("msg_c", NOW)))
                .isInstanceOf(IllegalArgumentException.class);
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
