package io.jenkins.plugins.signedwebhook.core.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class BoundedBodyTest {

    @Test
    void refusesADeclaredLengthOverTheLimitWithoutReadingAByte() throws IOException {
        InputStream untouchable = new InputStream() {
            @Override
            public int read() {
                throw new AssertionError("the body was read");
            }
        };
        assertThat(BoundedBody.read(untouchable, 101, 100)).isEqualTo(new BoundedBody.TooLarge(100, 101));
    }

    @Test
    void readsABodyOfExactlyTheLimit() throws IOException {
        byte[] body = filled(100);
        BoundedBody.Result r = BoundedBody.read(new ByteArrayInputStream(body), 100, 100);
        assertThat(((BoundedBody.Complete) r).bytes()).isEqualTo(body);
    }

    @Test
    void refusesAStreamThatRunsPastItsDeclaredLengthAndTheLimit() throws IOException {
        assertThat(BoundedBody.read(new ByteArrayInputStream(filled(500)), 10, 100)).isInstanceOf(BoundedBody.TooLarge.class);
    }

    @Test
    void keepsEveryByteWhenAStreamRunsPastItsDeclaredLengthWithinTheLimit() throws IOException {
        byte[] body = filled(50);
        BoundedBody.Result r = BoundedBody.read(new ByteArrayInputStream(body), 10, 100);
        assertThat(((BoundedBody.Complete) r).bytes()).isEqualTo(body);
    }

    @Test
    void readsAChunkedBodyOfUnknownLength() throws IOException {
        byte[] body = filled(70_000);
        BoundedBody.Result r = BoundedBody.read(new TrickleStream(body), -1, 100_000);
        assertThat(((BoundedBody.Complete) r).bytes()).isEqualTo(body);
    }

    @Test
    void stopsReadingAChunkedBodyOneByteAfterTheLimit() throws IOException {
        TrickleStream endless = new TrickleStream(filled(10_000_000));
        assertThat(BoundedBody.read(endless, -1, 20_000)).isInstanceOf(BoundedBody.TooLarge.class);
        assertThat(endless.consumed).isEqualTo(20_001);
    }

    @Test
    void readsAnEmptyBody() throws IOException {
        assertThat(((BoundedBody.Complete) BoundedBody.read(new ByteArrayInputStream(new byte[0]), 0, 100)).bytes()).isEmpty();
    }

    private static byte[] filled(int n) {
        byte[] b = new byte[n];
        Arrays.fill(b, (byte) 'x');
        return b;
    }

    /** Hands out at most 1000 bytes per read, like a network stream, and counts what was taken. */
    private static final class TrickleStream extends InputStream {
        private final byte[] data;
        int consumed;

        TrickleStream(byte[] data) {
            this.data = data;
        }

        @Override
        public int read() {
            return consumed < data.length ? data[consumed++] : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (consumed >= data.length) {
                return -1;
            }
            int n = Math.min(Math.min(len, 1000), data.length - consumed);
            System.arraycopy(data, consumed, b, off, n);
            consumed += n;
            return n;
        }
    }
}
