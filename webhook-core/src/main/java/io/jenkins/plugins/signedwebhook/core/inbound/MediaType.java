package io.jenkins.plugins.signedwebhook.core.inbound;

import java.util.Locale;
import java.util.Optional;

/** The two content types a GitHub webhook can be set to send. */
public enum MediaType {
    JSON("application/json"),
    FORM("application/x-www-form-urlencoded");

    private final String name;

    MediaType(String name) {
        this.name = name;
    }

    /** Reads a Content-Type header, ignoring parameters such as {@code charset}. */
    public static Optional<MediaType> of(String contentType) {
        if (contentType == null) {
            return Optional.empty();
        }
        int semicolon = contentType.indexOf(';');
        String type = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
        for (MediaType m : values()) {
            if (m.name.equals(type)) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return name;
    }
}
