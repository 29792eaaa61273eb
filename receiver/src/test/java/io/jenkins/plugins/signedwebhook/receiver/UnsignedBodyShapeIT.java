package io.jenkins.plugins.signedwebhook.receiver;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.signedwebhook.core.testing.HostileBodies;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16's probe, end to end over loopback against the shaded jar: an unsigned 19 MB body of 1,000,000 distinct
 * keys and one of a single long string, both without a repository, so both answered 404 before any signature is
 * checked. What they cost must depend on their size, not their shape (target: the keys at most 2x the string; it was
 * 23x). The best of several rounds of each is printed; only a return to per-key cost fails, as this machine is shared.
 */
class UnsignedBodyShapeIT {
    private static final int ROUNDS = 6;
    /** Well above the 2x target, well below the 23x measured before the peek became a byte scanner. */
    private static final double FAILS_ABOVE = 8.0;

    @TempDir
    Path dir;

    private Process process;

    @AfterEach
    void cleanUp() {
        JarProcess.killLeftover(process);
    }

    @Test
    void aMillionDistinctKeysCostAboutWhatOneLongStringOfTheSameSizeCosts() throws Exception {
        int port = JarProcess.freePort();
        Files.writeString(dir.resolve("receiver.yml"), """
                listen: 127.0.0.1:%d
                dataDir: ./data
                hooks:
                  - id: app
                    repository: octo-org/app
                    secrets: [{env: APP_HOOK_SECRET}]
                    command: [/bin/true]
                """.formatted(port));
        process = JarProcess.start(dir.resolve("receiver.yml"), TestReceiver.ENV, dir.resolve("receiver.log"), port);
        byte[] keys = HostileBodies.distinctKeys(1_000_000);
        byte[] string = HostileBodies.oneLongString(keys.length);

        long keysNanos = Long.MAX_VALUE;
        long stringNanos = Long.MAX_VALUE;
        for (int round = 0; round < ROUNDS; round++) {
            // Alternating, so that a burst of load on the machine falls on both alike.
            keysNanos = Math.min(keysNanos, unsigned(port, keys, "keys-" + round));
            stringNanos = Math.min(stringNanos, unsigned(port, string, "string-" + round));
        }
        double ratio = (double) keysNanos / stringNanos;
        System.out.printf(Locale.ROOT, "receiver, unsigned %,d-byte bodies answered 404, best of %d: 1,000,000 distinct"
                + " keys %.1f ms, one long string %.1f ms (%.2fx)%n", keys.length, ROUNDS, keysNanos / 1e6,
                stringNanos / 1e6, ratio);
        assertThat(ratio).isLessThan(FAILS_ABOVE);
    }

    /** Posts the body with a signature made with another secret; the time to its answer, which must be 404. */
    private static long unsigned(int port, byte[] body, String delivery) throws Exception {
        long start = System.nanoTime();
        HttpResponse<String> answer = JarProcess.post(port, "not the hook's secret", body, delivery);
        long elapsed = System.nanoTime() - start;
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(404);
        assertThat(answer.body()).contains("\"result\":\"no_subscription\"");
        return elapsed;
    }
}
