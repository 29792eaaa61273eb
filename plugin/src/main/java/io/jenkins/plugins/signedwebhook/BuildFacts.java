package io.jenkins.plugins.signedwebhook;

import io.jenkins.plugins.signedwebhook.core.outbound.CallbackData;
import java.util.Map;

/**
 * What a callback says about the build, read from the run as plain values: {@code result} is null while the build
 * has none yet, {@code url} null when Jenkins' root URL is not configured, and the push values null unless a
 * webhook delivery ({@link SignedWebhookCause}) started the build.
 */
record BuildFacts(
        String job,
        long number,
        String url,
        String result,
        long durationMs,
        String repository,
        String ref,
        String commit,
        String delivery) {

    /** The build as it stands when the step runs: still running means {@code SUCCESS} so far. */
    static final String RUNNING_STATUS = "SUCCESS";

    /** The payload's {@code data}: the given {@code status}, or else the build's result. */
    CallbackData toData(String status, Map<String, String> fields) {
        CallbackData data = CallbackData.of(job, status != null ? status : result != null ? result : RUNNING_STATUS)
                .withBuild(number)
                .withDurationMs(Math.max(0, durationMs))
                .withFields(fields);
        if (url != null) {
            data = data.withUrl(url);
        }
        if (repository != null) {
            data = data.withRepository(repository);
        }
        if (ref != null) {
            data = data.withRef(ref);
        }
        if (commit != null) {
            data = data.withCommit(commit);
        }
        if (delivery != null) {
            data = data.withDelivery(delivery);
        }
        return data;
    }
}
