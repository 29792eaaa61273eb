package io.jenkins.plugins.signedwebhook.core.outbound.outbox;

import io.jenkins.plugins.signedwebhook.core.outbound.Attempt;
import io.jenkins.plugins.signedwebhook.core.outbound.StopReason;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/** What became of a message that someone waits for, as {@link FileReceipts} keeps it until it is collected. */
public sealed interface Receipt {

    String id();

    /** When this receipt was written: since when the message is awaited, or when it settled. */
    Instant at();

    /** A settlement as a receipt written at {@code now}. */
    static Receipt of(Settlement settlement, Optional<Attempt> lastAttempt, Instant now) {
        OptionalInt httpStatus = lastAttempt.map(Attempt::status).orElse(OptionalInt.empty());
        if (settlement instanceof Settlement.DeadLettered dead) {
            return new GaveUp(dead.id(), dead.attempts(), dead.letter().reason(), httpStatus,
                    dead.letter().record().lastError(), now);
        }
        return new Delivered(settlement.id(), settlement.attempts(), httpStatus, now);
    }

    /** Still in the outbox. */
    record Awaiting(String id, Instant at) implements Receipt {
        public Awaiting {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(at, "at");
        }
    }

    /** Delivered in {@code attempts} attempts; the HTTP status of the last one. */
    record Delivered(String id, int attempts, OptionalInt httpStatus, Instant at) implements Receipt {
        public Delivered {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(httpStatus, "httpStatus");
            Objects.requireNonNull(at, "at");
        }
    }

    /** Given up after {@code attempts} attempts, for {@code reason}; the last attempt's HTTP status and error. */
    record GaveUp(String id, int attempts, StopReason reason, OptionalInt httpStatus, Optional<String> lastError, Instant at)
            implements Receipt {
        public GaveUp {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(httpStatus, "httpStatus");
            Objects.requireNonNull(lastError, "lastError");
            Objects.requireNonNull(at, "at");
        }
    }
}
