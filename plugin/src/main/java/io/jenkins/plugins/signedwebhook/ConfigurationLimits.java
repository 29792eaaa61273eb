package io.jenkins.plugins.signedwebhook;

import java.util.Optional;

/** The ranges of the global settings and their checks, apart from Jenkins so they can be tested alone. */
enum ConfigurationLimits {
    PAYLOAD_LIMIT_MIB("Payload limit (MiB)", 1, 100, 25),
    DUPLICATE_WINDOW_MINUTES("Duplicate window (minutes)", 1, 7 * 24 * 60, 60),
    DELIVERY_LOG_SIZE("Delivery log size", 10, 10_000, 200),
    CALLBACK_CONNECT_TIMEOUT_SECONDS("Callback connect timeout (seconds)", 1, 300, 10),
    CALLBACK_TIMEOUT_SECONDS("Callback timeout per attempt (seconds)", 1, 600, 30),
    CALLBACK_MAX_ATTEMPTS("Callback attempts", 1, 20, 5);

    final String label;
    final int min;
    final int max;
    final int defaultValue;

    ConfigurationLimits(String label, int min, int max, int defaultValue) {
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
            return Optional.of(label + " must be a whole number from " + min + " to " + max + ".");
        }
        return value < min || value > max
                ? Optional.of(label + " must be from " + min + " to " + max + ", not " + value + ".")
                : Optional.empty();
    }

    /** The value to keep: {@code value} when within range; otherwise a configuration error naming the field. */
    int require(int value) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(label + " must be from " + min + " to " + max + ", not " + value);
        }
        return value;
    }
}
