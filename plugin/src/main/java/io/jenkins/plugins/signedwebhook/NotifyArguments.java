package io.jenkins.plugins.signedwebhook;

import io.jenkins.plugins.signedwebhook.core.outbound.Callback;
import io.jenkins.plugins.signedwebhook.core.outbound.DeliveryLimits;
import io.jenkins.plugins.signedwebhook.core.outbound.policy.UrlPolicy;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The checked arguments of one {@code notifyWebhook} call. Messages name the argument and never repeat a value that
 * could hold a token (the URL's user info or query, a data value).
 */
record NotifyArguments(
        URI url,
        String credentialsId,
        String status,
        String type,
        Map<String, String> fields,
        Integer timeoutSeconds,
        Integer retries,
        boolean waitForDelivery,
        boolean failOnError) {

    static final int MAX_TIMEOUT_SECONDS = ConfigurationLimits.CALLBACK_TIMEOUT_SECONDS.max;
    static final int MAX_RETRIES = ConfigurationLimits.CALLBACK_MAX_ATTEMPTS.max - 1;
    private static final Pattern STATUS = Pattern.compile("[A-Za-z0-9_.-]{1,100}");

    NotifyArguments {
        fields = Map.copyOf(fields);
    }

    /** Checks every raw argument as the step received it; the first problem is thrown, naming its argument. */
    static NotifyArguments of(
            String url,
            String credentialsId,
            String status,
            String type,
            Map<?, ?> data,
            Integer timeoutSeconds,
            Integer retries,
            boolean waitForDelivery,
            boolean failOnError,
            UrlPolicy callbackPolicy) {
        checkUrl(url, callbackPolicy).ifPresent(NotifyArguments::fail);
        checkCredentialsId(credentialsId).ifPresent(NotifyArguments::fail);
        String effectiveStatus = blankToNull(status);
        if (effectiveStatus != null) {
            checkStatus(effectiveStatus).ifPresent(NotifyArguments::fail);
        }
        String effectiveType = blankToNull(type) == null ? Callback.DEFAULT_TYPE : type.strip();
        checkType(effectiveType).ifPresent(NotifyArguments::fail);
        if (timeoutSeconds != null) {
            checkTimeout(timeoutSeconds.toString()).ifPresent(NotifyArguments::fail);
        }
        if (retries != null) {
            checkRetries(retries.toString()).ifPresent(NotifyArguments::fail);
        }
        return new NotifyArguments(URI.create(url.strip()), credentialsId.strip(), effectiveStatus, effectiveType,
                fields(data), timeoutSeconds, retries, waitForDelivery, failOnError);
    }

    private static void fail(String problem) {
        throw new IllegalArgumentException(problem);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** The core's literal check, so that a URL every send would refuse is refused when the step starts or the form is filled. */
    static Optional<String> checkUrl(String value, UrlPolicy callbackPolicy) {
        if (value == null || value.isBlank()) {
            return Optional.of(Messages.NotifyArguments_UrlRequired());
        }
        URI uri;
        try {
            uri = new URI(value.strip());
        } catch (URISyntaxException e) {
            return Optional.of(Messages.NotifyArguments_UrlInvalid());
        }
        return callbackPolicy.checkLiteral(uri).map(refused -> switch (refused.reason()) {
            case SCHEME_NOT_ALLOWED -> Messages.NotifyArguments_UrlNotHttp();
            case INVALID_HOST -> uri.getHost() == null && uri.getRawAuthority() == null
                    ? Messages.NotifyArguments_UrlNotHttp()
                    : Messages.NotifyArguments_UrlRefused(refused.detail());
            default -> Messages.NotifyArguments_UrlRefused(refused.detail());
        });
    }

    static Optional<String> checkCredentialsId(String value) {
        return value == null || value.isBlank()
                ? Optional.of(Messages.NotifyArguments_CredentialsIdRequired())
                : Optional.empty();
    }

    static Optional<String> checkStatus(String value) {
        return STATUS.matcher(value.strip()).matches()
                ? Optional.empty()
                : Optional.of(Messages.NotifyArguments_StatusInvalid());
    }

    static Optional<String> checkType(String value) {
        return Callback.isValidType(value.strip())
                ? Optional.empty()
                : Optional.of(Messages.NotifyArguments_TypeInvalid());
    }

    static Optional<String> checkTimeout(String value) {
        return checkRange("timeout", value, 1, MAX_TIMEOUT_SECONDS);
    }

    static Optional<String> checkRetries(String value) {
        return checkRange("retries", value, 0, MAX_RETRIES);
    }

    private static Optional<String> checkRange(String name, String text, int min, int max) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        int value;
        try {
            value = Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            return Optional.of(Messages.NotifyArguments_NotANumber(name, String.valueOf(min), String.valueOf(max)));
        }
        return value < min || value > max
                ? Optional.of(Messages.NotifyArguments_OutOfRange(name, String.valueOf(min), String.valueOf(max), String.valueOf(value)))
                : Optional.empty();
    }

    /**
     * The {@code data} map as the callback's string fields: keys are non-empty strings, values strings, numbers or
     * booleans; anything else (null, lists, maps, objects) is refused, naming the key and the type.
     */
    static Map<String, String> fields(Map<?, ?> data) {
        Map<String, String> fields = new LinkedHashMap<>();
        if (data == null) {
            return fields;
        }
        for (Map.Entry<?, ?> entry : data.entrySet()) {
            if (!(entry.getKey() instanceof CharSequence key) || key.toString().isBlank()) {
                fail(Messages.NotifyArguments_DataKeyBlank());
            }
            String name = entry.getKey().toString();
            Object value = entry.getValue();
            if (value == null) {
                fail(Messages.NotifyArguments_DataNull(name));
            }
            fields.put(name, jsonSafe(name, value));
        }
        return fields;
    }

    private static String jsonSafe(String name, Object value) {
        if (value instanceof CharSequence || value instanceof Boolean || value instanceof Integer || value instanceof Long
                || value instanceof Short || value instanceof Byte || value instanceof BigInteger) {
            return value.toString();
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.toPlainString();
        }
        if ((value instanceof Double || value instanceof Float) && Double.isFinite(((Number) value).doubleValue())) {
            return value.toString();
        }
        throw new IllegalArgumentException(Messages.NotifyArguments_DataType(name, value.getClass().getSimpleName()));
    }

    /** This call's {@code timeout} and {@code retries}, kept with its message; they lower the global settings, never raise them. */
    DeliveryLimits deliveryLimits() {
        return DeliveryLimits.of(retries == null ? null : retries + 1,
                timeoutSeconds == null ? null : Duration.ofSeconds(timeoutSeconds));
    }

    @Override
    public String toString() {
        return "NotifyArguments[url=" + CallbackRow.hostOf(url) + ", credentialsId=" + credentialsId
                + ", type=" + type + ", wait=" + waitForDelivery + ", failOnError=" + failOnError + "]";
    }
}
