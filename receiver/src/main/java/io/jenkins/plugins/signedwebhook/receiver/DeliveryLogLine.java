package io.jenkins.plugins.signedwebhook.receiver;

import io.jenkins.plugins.signedwebhook.core.inbound.DeliveryRecord;

/** One line of {@code key=value} pairs per delivery; values are quoted and escaped, so a payload cannot forge lines. */
final class DeliveryLogLine {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

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

    private static boolean plain(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c <= ' ' || c >= 127 || c == '"' || c == '\\' || c == '=') {
                return false;
            }
        }
        return true;
    }

    private static void pair(StringBuilder line, String key, String value) {
        if (value == null || value.isEmpty()) {
            return;
        }
        line.append(' ').append(key).append('=');
        if (plain(value)) {
            line.append(value);
            return;
        }
        line.append('"');
        for (int i = 0; i < value.length(); ) {
            int c = value.codePointAt(i);
            i += Character.charCount(c);
            switch (c) {
                case '"' -> line.append("\\\"");
                case '\\' -> line.append("\\\\");
                case '\n' -> line.append("\\n");
                case '\r' -> line.append("\\r");
                case '\t' -> line.append("\\t");
                default -> {
                    if (Character.isISOControl(c)) {
                        line.append("\\u").append(HEX[c >> 12 & 15]).append(HEX[c >> 8 & 15]).append(HEX[c >> 4 & 15])
                                .append(HEX[c & 15]);
                    } else {
                        line.appendCodePoint(c);
                    }
                }
            }
        }
        line.append('"');
    }
}
