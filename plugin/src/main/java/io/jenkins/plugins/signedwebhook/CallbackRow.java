package io.jenkins.plugins.signedwebhook;

import java.net.URI;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** One outbound callback on the delivery log page: id, host only (paths and queries may hold tokens), attempts, last status, next retry. */
public record CallbackRow(String id, String host, int attempts, String lastStatus, String nextRetry) {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    static String hostOf(URI uri) {
        return uri.getHost() == null ? "?" : uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
    }

    static String time(Instant instant) {
        return TIME.format(instant);
    }

    public String getId() {
        return id;
    }

    public String getHost() {
        return host;
    }

    public int getAttempts() {
        return attempts;
    }

    public String getLastStatus() {
        return lastStatus;
    }

    public String getNextRetry() {
        return nextRetry;
    }
}
