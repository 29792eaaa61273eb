package io.jenkins.plugins.signedwebhook.core.outbound.outbox;

import io.jenkins.plugins.signedwebhook.core.outbound.Attempt;
import java.io.IOException;
import java.util.Optional;

/**
 * Told of a settlement while the message is still pending, so that what it stores is durable before the message
 * leaves the outbox. If it throws, the message stays pending and is attempted again: sent twice, never lost.
 */
@FunctionalInterface
public interface SettlementListener {

    /** {@code lastAttempt} is the attempt that settled it; empty when the deadline passed before another attempt. */
    void settling(Settlement settlement, Optional<Attempt> lastAttempt) throws IOException;
}
