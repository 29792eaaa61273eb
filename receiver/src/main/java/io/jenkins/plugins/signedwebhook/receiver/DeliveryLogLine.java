package io.jenkins.plugins.signedwebhook.receiver;

import io.jenkins.plugins.signedwebhook.core.inbound.DeliveryRecord;

/** One line of {@code key=value} pairs per delivery; values are quoted and escaped, so a payload cannot forge lines. */
final class DeliveryLogLine {
    private DeliveryLogLine() {}

    static String of(String hook, DeliveryRecord r) {
        StringBuilder line = new StringBuilder("delivery");
        pair(line, "hook", hook);
        pair(line, "id", r.deliveryId());
        pair(line, "event", r.event());
        pair(line, "repository", r.repository());
        pair(line, "ref", r.ref());
        pair(line, "result", r.result());
        pair(line, "status", Integer.toString(r.status()));
        pair(line, "started", r.started().isEmpty() ? null : String.join(",", r.started()));
        pair(line, "reason", r.reason());
        return line.toString();
    }

    private static void pair(StringBuilder line, String key, String value) {
        if (value == null || value.isEmpty()) {
            return;
        }
        line.append(' ').append(key).append('=');
        boolean plain = value.chars().allMatch(c -> c > ' ' && c < 127 && c != '"' && c != '\\' && c != '=');
        if (plain) {
            line.append(value);
            return;
        }
        line.append('"');
        value.codePoints().forEach(c -> {
            switch (c) {
                case '"' -> line.append("\\\"");
                case '\\' -> line.append("\\\\");
                case '\n' -> line.append("\\n");
                case '\r' -> line.append("\\r");
                case '\t' -> line.append("\\t");
                default -> {
                    if (Character.isISOControl(c)) {
                        line.append(String.format("\\u%04x", c));
                    } else {
                        line.appendCodePoint(c);
                    }
                }
            }
        });
        line.append('"');
    }
}
