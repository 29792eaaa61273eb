package io.jenkins.plugins.signedwebhook.core.outbound;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** Parses an HTTP {@code Retry-After} value: delay-seconds or an HTTP-date (RFC 9110 section 10.2.3). */
public final class RetryAfter {
    /** Longer than any cap we allow; larger values are clamped here so the arithmetic cannot overflow. */
    static final Duration MAX = Duration.ofDays(365);

    private RetryAfter() {}

    /**
     * The delay the server asks for, never negative and at most a year; empty when the value is absent or
     * unparseable. A date in the past means no delay.
     */
    public static Optional<Duration> parse(String value, Instant now) {
        if (value == null) {
            return Optional.empty();
        }
        String text = value.strip();
        if (text.isEmpty()) {
            return Optional.empty();
        }
        if (isDigits(text)) {
            return Optional.of(seconds(text));
        }
        try {
            Instant at = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            Duration delay = Duration.between(now, at);
            if (delay.isNegative()) {
                return Optional.of(Duration.ZERO);
            }
            return Optional.of(delay.compareTo(MAX) > 0 ? MAX : delay);
        } catch (DateTimeParseException | ArithmeticException e) {
            return Optional.empty();
        }
    }

    private static Duration seconds(String digits) {
        if (digits.length() > 12) {
            return MAX;
        }
        long seconds = Long.parseLong(digits);
        return seconds > MAX.toSeconds() ? MAX : Duration.ofSeconds(seconds);
    }

    private static boolean isDigits(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }
}
