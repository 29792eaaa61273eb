package io.jenkins.plugins.signedwebhook.core.inbound;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Reads a request body into one byte array, never past a limit: a declared length over the limit is refused before
 * a byte is read, and a stream that runs past the limit is refused as soon as it does.
 */
public final class BoundedBody {
    /** GitHub caps webhook payloads at 25 MiB. */
    public static final long GITHUB_MAX_BYTES = 25L * 1024 * 1024;

    private static final int FIRST_CHUNK = 16 * 1024;

    private BoundedBody() {}

    public sealed interface Result {}

    public record Complete(byte[] bytes) implements Result {}

    /** @param declaredLength the length the sender declared, or -1 when it declared none */
    public record TooLarge(long limit, long declaredLength) implements Result {}

    /** @param declaredLength the request's Content-Length, or -1 when unknown (chunked) */
    public static Result read(InputStream in, long declaredLength, long limit) throws IOException {
        if (limit < 0 || limit > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("body limit must be between 0 and 2 GiB, not " + limit);
        }
        if (declaredLength > limit) {
            return new TooLarge(limit, declaredLength);
        }
        if (declaredLength >= 0) {
            byte[] exact = new byte[(int) declaredLength];
            int got = in.readNBytes(exact, 0, exact.length);
            if (got < exact.length) {
                return new Complete(Arrays.copyOf(exact, got));
            }
            int extra = in.read();
            if (extra < 0) {
                return new Complete(exact);
            }
            byte[] longer = Arrays.copyOf(exact, exact.length + 1);
            longer[exact.length] = (byte) extra;
            return readUnknown(in, longer, longer.length, limit);
        }
        return readUnknown(in, new byte[0], 0, limit);
    }

    /** Continues after {@code have} bytes already in {@code start}, growing the buffer up to limit + 1. */
    private static Result readUnknown(InputStream in, byte[] start, int have, long limit) throws IOException {
        int max = (int) limit + 1;
        byte[] buf = Arrays.copyOf(start, Math.min(max, Math.max(FIRST_CHUNK, have * 2)));
        int n = have;
        while (true) {
            if (n == buf.length) {
                if (n >= max) {
                    return new TooLarge(limit, -1);
                }
                buf = Arrays.copyOf(buf, (int) Math.min(max, (long) buf.length * 2));
            }
            int r = in.read(buf, n, buf.length - n);
            if (r < 0) {
                return n > limit ? new TooLarge(limit, -1) : new Complete(Arrays.copyOf(buf, n));
            }
            n += r;
        }
    }
}
