package io.jenkins.plugins.signedwebhook.core.outbound;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The {@code data} object of a callback. {@code job} and {@code status} are required; every other value may be
 * null and is then left out of the JSON. {@code fields} are the user's own string values, never null.
 */
public record CallbackData(
        String job,
        Long build,
        String url,
        String status,
        Long durationMs,
        String repository,
        String ref,
        String commit,
        String delivery,
        Map<String, String> fields) {

    public CallbackData {
        requireText(job, "job");
        requireText(status, "status");
        if (durationMs != null && durationMs < 0) {
            throw new IllegalArgumentException("data.duration_ms: must not be negative, was " + durationMs);
        }
        fields = fields == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(fields));
        fields.forEach((key, value) -> {
            Objects.requireNonNull(key, "fields: keys must not be null");
            Objects.requireNonNull(value, () -> "fields." + key + ": values must not be null");
        });
    }

    /** A callback about {@code job} that ended with {@code status} (for example {@code SUCCESS}). */
    public static CallbackData of(String job, String status) {
        return new CallbackData(job, null, null, status, null, null, null, null, null, Map.of());
    }

    public CallbackData withBuild(long number) {
        return new CallbackData(job, number, url, status, durationMs, repository, ref, commit, delivery, fields);
    }

    public CallbackData withUrl(String value) {
        return new CallbackData(job, build, value, status, durationMs, repository, ref, commit, delivery, fields);
    }

    public CallbackData withDurationMs(long value) {
        return new CallbackData(job, build, url, status, value, repository, ref, commit, delivery, fields);
    }

    public CallbackData withRepository(String value) {
        return new CallbackData(job, build, url, status, durationMs, value, ref, commit, delivery, fields);
    }

    public CallbackData withRef(String value) {
        return new CallbackData(job, build, url, status, durationMs, repository, value, commit, delivery, fields);
    }

    public CallbackData withCommit(String value) {
        return new CallbackData(job, build, url, status, durationMs, repository, ref, value, delivery, fields);
    }

    public CallbackData withDelivery(String value) {
        return new CallbackData(job, build, url, status, durationMs, repository, ref, commit, value, fields);
    }

    public CallbackData withFields(Map<String, String> value) {
        return new CallbackData(job, build, url, status, durationMs, repository, ref, commit, delivery, value);
    }

    private static void requireText(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("data." + field + ": must not be empty");
        }
    }
}
