package io.jenkins.plugins.signedwebhook.receiver.config;

import io.jenkins.plugins.signedwebhook.core.match.Subscription;
import io.jenkins.plugins.signedwebhook.core.outbound.signing.SigningSecret;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One hook: the core's {@link Subscription} (repository, refs, paths, events, secrets) and what to run for it.
 *
 * @param env names of the receiver's own environment variables passed through to the command
 * @param keepRuns how many finished runs, newest first, keep their row and log file; older ones are pruned
 */
public record HookConfig(
        String id,
        Subscription subscription,
        List<String> command,
        Path workdir,
        List<String> env,
        Duration timeout,
        OnInterrupted onInterrupted,
        long maxLogBytes,
        int keepRuns,
        List<CallbackTarget> callbacks) {

    public HookConfig {
        if (keepRuns < 1) {
            throw new IllegalArgumentException("keepRuns must be at least 1, not " + keepRuns);
        }
        command = List.copyOf(command);
        env = List.copyOf(env);
        callbacks = List.copyOf(callbacks);
    }

    /** What happens to a run that was running when the receiver stopped without finishing it. */
    public enum OnInterrupted {
        REQUEUE,
        FAIL
    }

    /** Which signature headers the callback's receiver checks, and so which ones are sent. */
    public enum Scheme {
        STANDARD_WEBHOOKS,
        GITHUB,
        BOTH;

        /** The secret limited to the signature headers of this scheme. */
        public SigningSecret restrict(SigningSecret secret) {
            return switch (this) {
                case STANDARD_WEBHOOKS -> secret.onlyStandardWebhooks();
                case GITHUB -> secret.onlyGitHub();
                case BOTH -> secret;
            };
        }
    }

    /** Where to post a callback when a run of this hook finishes. */
    public record CallbackTarget(URI url, List<SigningSecret> secrets, Scheme scheme, Map<String, String> fields) {
        public CallbackTarget {
            secrets = List.copyOf(secrets);
            fields = Map.copyOf(fields);
        }
    }
}
