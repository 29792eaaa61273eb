package io.jenkins.plugins.signedwebhook.core.outbound;

/** Why delivery of a message ended without success. */
public enum StopReason {
    /** The receiver answered a status that retrying cannot change (3xx, 4xx other than 408, 410 and 429). */
    REJECTED,
    /** The receiver answered 410 Gone: it does not want this message, ever. */
    GONE,
    /** The URL policy refused the target. */
    URL_REFUSED,
    /** The last allowed attempt failed. */
    ATTEMPTS_EXHAUSTED,
    /** The next attempt would start after the total deadline. */
    DEADLINE_EXCEEDED
}
