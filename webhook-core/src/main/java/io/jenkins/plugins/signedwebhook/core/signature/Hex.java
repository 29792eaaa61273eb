package io.jenkins.plugins.signedwebhook.core.signature;

import java.util.HexFormat;
import java.util.Optional;

/** Hex digests as GitHub writes them in {@code X-Hub-Signature-256}. */
public final class Hex {
    private static final HexFormat LOWER = HexFormat.of();

    private Hex() {}

    public static String lower(byte[] bytes) {
        return LOWER.formatHex(bytes);
    }

    /** Decodes exactly {@code expectedBytes} bytes of hex, either case; empty when the text is anything else. */
    public static Optional<byte[]> decode(CharSequence hex, int expectedBytes) {
        if (hex.length() != expectedBytes * 2) {
            return Optional.empty();
        }
        for (int i = 0; i < hex.length(); i++) {
            if (Character.digit(hex.charAt(i), 16) < 0 || hex.charAt(i) > 'f') {
                return Optional.empty();
            }
        }
        return Optional.of(LOWER.parseHex(hex));
    }
}
