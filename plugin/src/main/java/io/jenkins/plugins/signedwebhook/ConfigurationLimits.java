package io.jenkins.plugins.signedwebhook;

import io.jenkins.plugins.signedwebhook.core.inbound.BoundedBody;
import io.jenkins.plugins.signedwebhook.core.inbound.EngineSettings;
import io.jenkins.plugins.signedwebhook.core.inbound.limit.FloodLimits;
import java.util.Optional;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jvnet.localizer.Localizable;

/**
 * The ranges of the global settings and their checks, apart from Jenkins so they can be tested alone. The payload
 * limit's range is the core's ({@link EngineSettings#MAX_BODY_BYTES}), in MiB; the rate limit's too ({@link FloodLimits}),
 * and the GitLab timestamp tolerance's ({@link EngineSettings#MAX_TIMESTAMP_TOLERANCE}), in minutes.
 */
enum ConfigurationLimits {
    PAYLOAD_LIMIT_MIB("payloadLimitMiB", Messages._ConfigurationLimits_PayloadLimitMiB(), 1,
            (int) (EngineSettings.MAX_BODY_BYTES / EngineSettings.MIB), (int) (BoundedBody.GITHUB_MAX_BYTES / EngineSettings.MIB)),
    DUPLICATE_WINDOW_MINUTES("duplicateWindowMinutes", Messages._ConfigurationLimits_DuplicateWindowMinutes(), 1, 7 * 24 * 60, 60),
    DELIVERY_LOG_SIZE("deliveryLogSize", Messages._ConfigurationLimits_DeliveryLogSize(), 10, 10_000, 200),
    CALLBACK_CONNECT_TIMEOUT_SECONDS("callbackConnectTimeoutSeconds", Messages._ConfigurationLimits_CallbackConnectTimeoutSeconds(), 1, 300, 10),
    CALLBACK_TIMEOUT_SECONDS("callbackTimeoutSeconds", Messages._ConfigurationLimits_CallbackTimeoutSeconds(), 1, 600, 30),
    CALLBACK_MAX_ATTEMPTS("callbackMaxAttempts", Messages._ConfigurationLimits_CallbackMaxAttempts(), 1, 20, 5),
    FAILED_VERIFICATION_BURST("failedVerificationBurst", Messages._ConfigurationLimits_FailedVerificationBurst(), 1,
            FloodLimits.MAX_BURST, FloodLimits.DEFAULT_BURST),
    FAILED_VERIFICATIONS_PER_MINUTE("failedVerificationsPerMinute",
            Messages._ConfigurationLimits_FailedVerificationsPerMinute(), 1, FloodLimits.MAX_PER_MINUTE,
            FloodLimits.DEFAULT_PER_MINUTE),
    GITLAB_TIMESTAMP_TOLERANCE_MINUTES("gitlabTimestampToleranceMinutes",
            Messages._ConfigurationLimits_GitLabTimestampToleranceMinutes(),
            (int) EngineSettings.MIN_TIMESTAMP_TOLERANCE.toMinutes(), (int) EngineSettings.MAX_TIMESTAMP_TOLERANCE.toMinutes(),
            (int) EngineSettings.DEFAULT_TIMESTAMP_TOLERANCE.toMinutes());

    /** The form and Configuration as Code name of the setting. */
    final String field;
    /** Formatted in the locale of each use, not once when the class loads. */
    private final Localizable label;
    final int min;
    final int max;
    final int defaultValue;

    ConfigurationLimits(String field, Localizable label, int min, int max, int defaultValue) {
        this.field = field;
        this.label = label;
        this.min = min;
        this.max = max;
        this.defaultValue = defaultValue;
    }

    /** Why {@code text} is not a valid value, or empty when it is. */
    Optional<String> check(String text) {
        int value;
        try {
            value = Integer.parseInt(text == null ? "" : text.strip());
        } catch (NumberFormatException e) {
            return Optional.of(Messages.ConfigurationLimits_NotANumber(label(), String.valueOf(min), String.valueOf(max)));
        }
        return value < min || value > max
                ? Optional.of(outOfRange(value))
                : Optional.empty();
    }

    /** The first setting of a submitted form that is out of range; empty when all are usable. */
    static Optional<SettingsForm.Refusal> firstProblem(Function<String, String> submitted) {
        for (ConfigurationLimits limit : values()) {
            String value = submitted.apply(limit.field);
            if (value != null) {
                Optional<String> problem = limit.check(value);
                if (problem.isPresent()) {
                    return Optional.of(new SettingsForm.Refusal(limit.field, problem.get()));
                }
            }
        }
        return Optional.empty();
    }

    private String outOfRange(int value) {
        return Messages.ConfigurationLimits_OutOfRange(label(), String.valueOf(min), String.valueOf(max), String.valueOf(value));
    }

    String label() {
        return label.toString();
    }

    /** A value read from a file: kept when within range, else the default, with a warning naming the setting. */
    int orDefault(int value) {
        if (value >= min && value <= max) {
            return value;
        }
        Logger.getLogger(ConfigurationLimits.class.getName()).log(Level.WARNING, "{0}; using {1} instead",
                new Object[] {outOfRange(value), defaultValue});
        return defaultValue;
    }

    /** The value to keep: {@code value} when within range; otherwise a configuration error naming the field. */
    int require(int value) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(outOfRange(value));
        }
        return value;
    }
}
