package io.jenkins.plugins.signedwebhook.receiver.store;

import java.util.Locale;

/** Where a run is; the finished states are also the callback's {@code status}. */
public enum RunState {
    QUEUED,
    RUNNING,
    SUCCESS,
    FAILURE,
    TIMEOUT,
    INTERRUPTED;

    String column() {
        return name().toLowerCase(Locale.ROOT);
    }

    static RunState of(String column) {
        return valueOf(column.toUpperCase(Locale.ROOT));
    }
}
