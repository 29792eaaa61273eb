package io.jenkins.plugins.signedwebhook.core.inbound;

/**
 * Limits of the inbound engine.
 *
 * @param maxBodyBytes bodies above this are refused with 413 (GitHub's own cap is 25 MiB)
 * @param acceptSha1 whether a delivery signed only with the legacy {@code X-Hub-Signature} (SHA-1) is accepted
 * @param maxSecretsPerUnnamedPing how many distinct secrets an organisation ping (no repository) is checked against
 */
public record EngineSettings(long maxBodyBytes, boolean acceptSha1, int maxSecretsPerUnnamedPing) {
    public static final long MIB = 1024L * 1024L;
    /** The largest payload limit an administrator may set: four times GitHub's own cap. */
    public static final long MAX_BODY_BYTES = BoundedBody.GITHUB_MAX_BYTES * 4;

    public EngineSettings {
        if (maxBodyBytes < 1 || maxBodyBytes > MAX_BODY_BYTES) {
            throw new IllegalArgumentException("payload limit must be between 1 and " + MAX_BODY_BYTES + " bytes ("
                    + MAX_BODY_BYTES / MIB + " MiB), not " + maxBodyBytes);
        }
        if (maxSecretsPerUnnamedPing < 0) {
            throw new IllegalArgumentException("secrets per organisation ping must not be negative");
        }
    }

    public static EngineSettings defaults() {
        return new EngineSettings(BoundedBody.GITHUB_MAX_BYTES, false, 100);
    }

    public EngineSettings withMaxBodyBytes(long bytes) {
        return new EngineSettings(bytes, acceptSha1, maxSecretsPerUnnamedPing);
    }

    public EngineSettings withAcceptSha1(boolean accept) {
        return new EngineSettings(maxBodyBytes, accept, maxSecretsPerUnnamedPing);
    }
}
