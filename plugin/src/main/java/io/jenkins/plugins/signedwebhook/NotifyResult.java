package io.jenkins.plugins.signedwebhook;

import io.jenkins.plugins.signedwebhook.core.outbound.outbox.Receipt;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalInt;

/** What {@code notifyWebhook} returns to the Pipeline: {@link #toMap()} is the step's value. */
record NotifyResult(Status status, int attempts, String id, Integer httpStatus, String problem) {

    enum Status {
        DELIVERED("delivered"),
        FAILED("failed"),
        QUEUED("queued");

        final String value;

        Status(String value) {
            this.value = value;
        }
    }

    static NotifyResult queued(String id) {
        return new NotifyResult(Status.QUEUED, 0, id, null, null);
    }

    /** The step's result from the outbox's receipt of a settled message. */
    static NotifyResult of(Receipt receipt) {
        if (receipt instanceof Receipt.Delivered delivered) {
            return new NotifyResult(Status.DELIVERED, delivered.attempts(), delivered.id(), status(delivered.httpStatus()), null);
        }
        if (receipt instanceof Receipt.GaveUp gaveUp) {
            return new NotifyResult(Status.FAILED, gaveUp.attempts(), gaveUp.id(), status(gaveUp.httpStatus()),
                    "gave up (" + gaveUp.reason() + ") after " + gaveUp.attempts() + " attempt(s), last: "
                            + gaveUp.lastError().orElse("no attempt was made"));
        }
        throw new IllegalArgumentException("callback " + receipt.id() + " has not settled yet");
    }

    private static Integer status(OptionalInt status) {
        return status.isPresent() ? status.getAsInt() : null;
    }

    boolean failed() {
        return status == Status.FAILED;
    }

    /** {@code status}, {@code attempts}, {@code id} and {@code httpStatus} (null without an HTTP answer). */
    Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("status", status.value);
        map.put("attempts", attempts);
        map.put("id", id);
        map.put("httpStatus", httpStatus);
        return map;
    }
}
