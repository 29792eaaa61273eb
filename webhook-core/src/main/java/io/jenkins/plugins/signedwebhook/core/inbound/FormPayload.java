package io.jenkins.plugins.signedwebhook.core.inbound;

import java.util.Optional;

/**
 * Decodes the {@code payload} field of an {@code application/x-www-form-urlencoded} body into the JSON bytes it holds,
 * without going through a String.
 */
final class FormPayload {
    private static final byte[] KEY = {'p', 'a', 'y', 'l', 'o', 'a', 'd', '='};

    private FormPayload() {}

    /** The decoded JSON, or empty when there is no {@code payload} field or its percent-encoding is broken. */
    static Optional<byte[]> decode(byte[] body) {
        int start = 0;
        while (start <= body.length) {
            int end = indexOf(body, (byte) '&', start);
            if (startsWith(body, start, end, KEY)) {
                return percentDecode(body, start + KEY.length, end);
            }
            start = end + 1;
        }
        return Optional.empty();
    }

    private static Optional<byte[]> percentDecode(byte[] body, int from, int to) {
        byte[] out = new byte[to - from];
        int n = 0;
        for (int i = from; i < to; i++) {
            byte b = body[i];
            if (b == '+') {
                out[n++] = ' ';
            } else if (b == '%') {
                if (i + 2 >= to) {
                    return Optional.empty();
                }
                int hi = Character.digit(body[i + 1], 16);
                int lo = Character.digit(body[i + 2], 16);
                if (hi < 0 || lo < 0) {
                    return Optional.empty();
                }
                out[n++] = (byte) (hi << 4 | lo);
                i += 2;
            } else {
                out[n++] = b;
            }
        }
        return Optional.of(n == out.length ? out : java.util.Arrays.copyOf(out, n));
    }

    private static int indexOf(byte[] body, byte b, int from) {
        for (int i = from; i < body.length; i++) {
            if (body[i] == b) {
                return i;
            }
        }
        return body.length;
    }

    private static boolean startsWith(byte[] body, int from, int to, byte[] prefix) {
        if (to - from < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (body[from + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
