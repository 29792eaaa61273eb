package io.jenkins.plugins.signedwebhook.core.outbound.policy;

import java.util.Optional;

/** IPv4 literals: the one canonical form we accept, and the many other forms resolvers disagree about. */
final class Ipv4 {
    private Ipv4() {}

    /** Four decimal parts 0..255 without leading zeros, as in {@code 203.0.113.7}. */
    static Optional<byte[]> parseCanonical(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return Optional.empty();
        }
        byte[] bytes = new byte[4];
        for (int i = 0; i < 4; i++) {
            String part = parts[i];
            if (part.isEmpty() || part.length() > 3 || (part.length() > 1 && part.charAt(0) == '0') || !digits(part)) {
                return Optional.empty();
            }
            int value = Integer.parseInt(part);
            if (value > 255) {
                return Optional.empty();
            }
            bytes[i] = (byte) value;
        }
        return Optional.of(bytes);
    }

    /**
     * True when a host name would be read as an IPv4 number by some resolver (WHATWG URL: its last label is
     * decimal, or hex with {@code 0x}), as in {@code 2130706433}, {@code 0177.0.0.1}, {@code 127.1} or {@code 0x7f.1}.
     */
    static boolean looksNumeric(String host) {
        String trimmed = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        String last = trimmed.substring(trimmed.lastIndexOf('.') + 1);
        if (last.isEmpty()) {
            return false;
        }
        if (digits(last)) {
            return true;
        }
        return (last.startsWith("0x") || last.startsWith("0X")) && hexDigits(last.substring(2));
    }

    private static boolean digits(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                return false;
            }
        }
        return !text.isEmpty();
    }

    private static boolean hexDigits(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (Character.digit(text.charAt(i), 16) < 0) {
                return false;
            }
        }
        return true;
    }
}
