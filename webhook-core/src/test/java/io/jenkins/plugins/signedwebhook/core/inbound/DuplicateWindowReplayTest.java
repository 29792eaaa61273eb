package io.jenkins.plugins.signedwebhook.core.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.signedwebhook.core.outbound.ManualClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The same body under a new delivery id is the delivery it copies. */
class DuplicateWindowReplayTest {
    private final ManualClock clock = new ManualClock(Instant.parse("2026-11-25T10:00:00Z"));
    private final DuplicateWindow w = new DuplicateWindow(1000, Duration.ofHours(1), clock);

    private static BodyDigest body(String text) {
        return BodyDigest.of(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void sameBodyUnderANewIdIsSeenAsTheFirstDelivery() {
        assertThat(w.claim("first", body("push"))).isInstanceOf(DuplicateWindow.Fresh.class);
        w.accept("first", body("push"), List.of("job"));
        clock.advance(Duration.ofMinutes(5));

        assertThat(w.claim("replayed", body("push")))
                .isEqualTo(new DuplicateWindow.Seen(Instant.parse("2026-11-25T10:00:00Z"), List.of("job"), "first"));
        assertThat(w.claim("other", body("another push"))).isInstanceOf(DuplicateWindow.Fresh.class);
    }

    @Test
    void aReplayWhileTheFirstIsBeingHandledIsInProgress() {
        assertThat(w.claim("first", body("push"))).isInstanceOf(DuplicateWindow.Fresh.class);
        assertThat(w.claim("replayed", body("push"))).isInstanceOf(DuplicateWindow.InProgress.class);
    }

    @Test
    void aBodyThatStartedNothingIsForgotten() {
        w.claim("first", body("push"));
        w.release("first", body("push"));
        assertThat(w.claim("second", body("push"))).isInstanceOf(DuplicateWindow.Fresh.class);
    }

    @Test
    void aBodyExpiresWithItsDelivery() {
        w.claim("first", body("push"));
        w.accept("first", body("push"), List.of("job"));
        clock.advance(Duration.ofHours(1).plusSeconds(1));
        assertThat(w.claim("replayed", body("push"))).isInstanceOf(DuplicateWindow.Fresh.class);
    }

    @Test
    void restoredBodyIsSeenUnderItsOriginalIdAndAnEntryWithoutOneStillByItsId() {
        Instant before = clock.instant().minus(Duration.ofMinutes(10));
        w.restore(List.of(new DuplicateWindow.Accepted("first", before, List.of("job"), body("push")),
                new DuplicateWindow.Accepted("old-line", before, List.of("job"))));

        assertThat(w.claim("replayed", body("push"))).isEqualTo(new DuplicateWindow.Seen(before, List.of("job"), "first"));
        assertThat(w.claim("old-line", body("anything"))).isEqualTo(new DuplicateWindow.Seen(before, List.of("job"), "old-line"));
    }

    @Test
    void remembersWhatAnAdapterPersists() {
        w.claim("first", body("push"));
        w.accept("first", body("push"), List.of("job"));
        assertThat(w.remembered("first"))
                .contains(new DuplicateWindow.Accepted("first", clock.instant(), List.of("job"), body("push")));
        assertThat(w.remembered("never")).isEmpty();
    }

    @Test
    void agreesWithASimpleModelOfBodiesOverManyEvictionsAndExpiries() {
        // A small bound, so the ring wraps and grows and both indexes delete many times over.
        int max = 29;
        DuplicateWindow small = new DuplicateWindow(max, Duration.ofMinutes(30), clock);
        LinkedHashMap<String, Instant> idAt = new LinkedHashMap<>();
        Map<String, String> bodyOf = new HashMap<>();
        Random random = new Random(7);
        for (int step = 0; step < 30_000; step++) {
            clock.advance(Duration.ofSeconds(random.nextInt(20)));
            Instant oldest = clock.instant().minus(Duration.ofMinutes(30));
            idAt.values().removeIf(at -> at.isBefore(oldest));
            String id = "d" + step;
            String text = "b" + random.nextInt(300);
            String firstWithBody = idAt.keySet().stream().filter(i -> bodyOf.get(i).equals(text)).findFirst().orElse(null);
            DuplicateWindow.Claim claim = small.claim(id, body(text));
            if (firstWithBody != null) {
                assertThat(claim).as("step %d", step).isEqualTo(
                        new DuplicateWindow.Seen(idAt.get(firstWithBody), List.of("job"), firstWithBody));
                continue;
            }
            assertThat(claim).as("step %d", step).isInstanceOf(DuplicateWindow.Fresh.class);
            if (random.nextBoolean()) {
                small.accept(id, body(text), List.of("job"));
                idAt.put(id, clock.instant());
                bodyOf.put(id, text);
                if (idAt.size() > max) {
                    idAt.remove(idAt.keySet().iterator().next());
                }
            } else {
                small.release(id, body(text));
            }
            assertThat(small.size()).isEqualTo(idAt.size());
        }
    }
}
