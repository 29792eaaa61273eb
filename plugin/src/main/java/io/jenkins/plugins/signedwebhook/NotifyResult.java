package io.jenkins.plugins.signedwebhook;

import io.jenkins.plugins.signedwebhook.core.outbound.Attempt;
import io.jenkins.plugins.signedwebhook.core.outbound.DeliveryResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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

    static NotifyResult of(DeliveryResult result) {
        List<Attempt> attempts = result.attempts();
        Integer httpStatus = null;
        String last = "no attempt was made";
        if (!attempts.isEmpty()) {
            Attempt lastAttempt = attempts.get(attempts.size() - 1);
            httpStatus = lastAttempt.status().isPresent() ? lastAttempt.status().getAsInt() : null;
            last = lastAttempt.result().describe();
        }
        if (result instanceof DeliveryResult.GaveUp gaveUp) {
            return new NotifyResult(Status.FAILED, attempts.size(), gaveUp.id(), httpStatus,
                    "gave up (" + gaveUp.reason() + ") after " + attempts.size() + " attempt(s), last: " + last);
        }
        return new NotifyResult(Status.DELIVERED, attempts.size(), result.id(), httpStatus, null);
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
