package io.jenkins.plugins.signedwebhook.core.inbound;

import java.time.Duration;

/**
 * Limits of the inbound engine.
 *
 * @param maxBodyBytes bodies above this are refused with 413 (GitHub's own cap is 25 MiB)
 * @param acceptSha1 whether a delivery signed only with the legacy {@code X-Hub-Signature} (SHA-1) is accepted
 * @param maxSecretsPerUnnamedPing how many distinct secrets an organisation ping (no repository) is checked against
 * @param timestampTolerance how far a Standard Webhooks {@code webhook-timestamp} (GitLab's) may be from this server's
 *     clock, either way, before the delivery is refused as stale
 */
public record EngineSettings(long maxBodyBytes, boolean acceptSha1, int maxSecretsPerUnnamedPing, Duration timestampTolerance) {
    public static final long MIB = 1024L * 1024L;
    /** The largest payload limit an administrator may set: four times GitHub's own cap. */
    public static final long MAX_BODY_BYTES = BoundedBody.GITHUB_MAX_BYTES * 4;
    /** Standard Webhooks' recommendation. */
    public static final Duration DEFAULT_TIMESTAMP_TOLERANCE = Duration.ofMinutes(5);
    /** Less and an ordinary clock drift or a slow GitLab queue refuses deliveries. */
    public static final Duration MIN_TIMESTAMP_TOLERANCE = Duration.ofMinutes(1);
    /** More and a captured delivery stays replayable (under its own id, past the duplicate window) for longer than it helps. */
    public static final Duration MAX_TIMESTAMP_TOLERANCE = Duration.ofHours(1);

    public EngineSettings {
        if (maxBodyBytes < 1 || maxBodyBytes > MAX_BODY_BYTES) {
            throw new IllegalArgumentException("payload limit must be between 1 and " + MAX_BODY_BYTES + " bytes ("
                    + MAX_BODY_BYTES / MIB + " MiB), not " + maxBodyBytes);
        }
        if (maxSecretsPerUnnamedPing < 0) {
            throw new IllegalArgumentException("secrets per organisation ping must not be negative");
        }
        if (timestampTolerance == null || timestampTolerance.compareTo(MIN_TIMESTAMP_TOLERANCE) < 0
                || timestampTolerance.compareTo(MAX_TIMESTAMP_TOLERANCE) > 0) {
            throw new IllegalArgumentException("the GitLab timestamp tolerance must be from "
                    + MIN_TIMESTAMP_TOLERANCE.toSeconds() + " to " + MAX_TIMESTAMP_TOLERANCE.toSeconds() + " seconds (1 minute"
                    + " to 1 hour), not " + (timestampTolerance == null ? "unset" : timestampTolerance.toSeconds() + " seconds"));
        }
    }

    public static EngineSettings defaults() {
        return new EngineSettings(BoundedBody.GITHUB_MAX_BYTES, false, 100, DEFAULT_TIMESTAMP_TOLERANCE);
    }

    public EngineSettings withMaxBodyBytes(long bytes) {
        return new EngineSettings(bytes, acceptSha1, maxSecretsPerUnnamedPing, timestampTolerance);
    }

    public EngineSettings withAcceptSha1(boolean accept) {
        return new EngineSettings(maxBodyBytes, accept, maxSecretsPerUnnamedPing, timestampTolerance);
    }

    public EngineSettings withTimestampTolerance(Duration tolerance) {
        return new EngineSettings(maxBodyBytes, acceptSha1, maxSecretsPerUnnamedPing, tolerance);
    }

    /**
     * The timestamp tolerance kept within {@code duplicateWindow} (never under the least tolerance): an accepted id is
     * forgotten after the window, so a captured Standard Webhooks delivery must be too old to verify by then, or it could
     * be replayed under its own id.
     */
    public EngineSettings withinDuplicateWindow(Duration duplicateWindow) {
        if (timestampTolerance.compareTo(duplicateWindow) <= 0) {
            return this;
        }
        return withTimestampTolerance(duplicateWindow.compareTo(MIN_TIMESTAMP_TOLERANCE) < 0 ? MIN_TIMESTAMP_TOLERANCE
                : duplicateWindow);
    }
}
