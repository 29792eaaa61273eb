package io.jenkins.plugins.signedwebhook.core.outbound.outbox;

import io.jenkins.plugins.signedwebhook.core.outbound.StopReason;
import java.util.Objects;

/** A message whose delivery ended without success, kept with the last error so an administrator can see why. */
public record DeadLetter(OutboxRecord record, StopReason reason) {

    public DeadLetter {
        Objects.requireNonNull(record, "record");
        Objects.requireNonNull(reason, "reason");
    }
}
