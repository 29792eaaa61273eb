package io.jenkins.plugins.signedwebhook.core.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.ArrayList;
import org.junit.jupiter.api.Test;

class DuplicateWindowTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T10:00:00Z"));

    @Test
    void acceptedDeliveryIsSeenWithWhenAndWhat() {
        DuplicateWindow w = new DuplicateWindow(10, Duration.ofHours(1), clock);
        assertThat(w.claim("a")).isInstanceOf(DuplicateWindow.Fresh.class);
        w.accept("a", List.of("job"));
        assertThat(w.claim("a")).isEqualTo(new DuplicateWindow.Seen(Instant.parse("2026-11-25T10:00:00Z"), List.of("job"), "a"));
    }

    @Test
    void releasedDeliveryIsForgotten() {
        DuplicateWindow w = new DuplicateWindow(10, Duration.ofHours(1), clock);
        w.claim("a");
        w.release("a");
        assertThat(w.claim("a")).isInstanceOf(DuplicateWindow.Fresh.class);
    }

    @Test
    void copyArrivingWhileTheFirstIsHandledIsInProgress() {
        DuplicateWindow w = new DuplicateWindow(10, Duration.ofHours(1), clock);
        w.claim("a");
        assertThat(w.claim("a")).isInstanceOf(DuplicateWindow.InProgress.class);
    }

    @Test
    void forgetsAfterTheWindow() {
        DuplicateWindow w = new DuplicateWindow(10, Duration.ofHours(1), clock);
        w.claim("a");
        w.accept("a", List.of("job"));
        clock.advance(Duration.ofMinutes(61));
        assertThat(w.claim("a")).isInstanceOf(DuplicateWindow.Fresh.class);
    }

    @Test
    void restoredDeliveryIsSeenWithItsOriginalTimeAndExpiresWhenItWouldHave() {
        DuplicateWindow w = new DuplicateWindow(10, Duration.ofHours(1), clock);
        Instant firstAccepted = clock.instant().minus(Duration.ofMinutes(50));
        assertThat(w.restore(List.of(new DuplicateWindow.Accepted("a", firstAccepted, List.of("job"))))).isEqualTo(1);
        assertThat(w.claim("a")).isEqualTo(new DuplicateWindow.Seen(firstAccepted, List.of("job"), "a"));
        clock.advance(Duration.ofMinutes(11));
        assertThat(w.claim("a")).isInstanceOf(DuplicateWindow.Fresh.class);
    }

    @Test
    void restoreSkipsEntriesAlreadyOutsideTheWindowAndIdsAlreadyHeld() {
        DuplicateWindow w = new DuplicateWindow(10, Duration.ofHours(1), clock);
        w.claim("live");
        w.accept("live", List.of("job"));
        int restored = w.restore(List.of(
                new DuplicateWindow.Accepted("old", clock.instant().minus(Duration.ofMinutes(61)), List.of("job")),
                new DuplicateWindow.Accepted("live", clock.instant().minus(Duration.ofMinutes(5)), List.of("other")),
                new DuplicateWindow.Accepted("b", clock.instant().minus(Duration.ofMinutes(1)), List.of("job")),
                new DuplicateWindow.Accepted("b", clock.instant().minus(Duration.ofMinutes(2)), List.of("job"))));
        assertThat(restored).isEqualTo(1);
        assertThat(w.claim("old")).isInstanceOf(DuplicateWindow.Fresh.class);
        assertThat(w.claim("live")).isEqualTo(new DuplicateWindow.Seen(clock.instant(), List.of("job"), "live"));
        assertThat(w.claim("b")).isInstanceOf(DuplicateWindow.Seen.class);
    }

    @Test
    void restoreInAnyOrderKeepsTheNewestWithinTheBound() {
        DuplicateWindow w = new DuplicateWindow(2, Duration.ofHours(1), clock);
        Instant now = clock.instant();
        w.restore(List.of(new DuplicateWindow.Accepted("c", now.minusSeconds(10), List.of("job")),
                new DuplicateWindow.Accepted("a", now.minusSeconds(30), List.of("job")),
                new DuplicateWindow.Accepted("b", now.minusSeconds(20), List.of("job"))));
        assertThat(w.claim("a")).isInstanceOf(DuplicateWindow.Fresh.class);
        assertThat(w.claim("b")).isInstanceOf(DuplicateWindow.Seen.class);
        assertThat(w.claim("c")).isInstanceOf(DuplicateWindow.Seen.class);
    }

    @Test
    void changingTheWindowKeepsWhatItRemembers() {
        DuplicateWindow w = new DuplicateWindow(10, Duration.ofMinutes(30), clock);
        w.claim("a");
        w.accept("a", List.of("job"));
        w.setWindow(Duration.ofHours(2));
        clock.advance(Duration.ofMinutes(90));
        assertThat(w.claim("a")).isInstanceOf(DuplicateWindow.Seen.class);
        w.setWindow(Duration.ofMinutes(60));
        assertThat(w.claim("a")).isInstanceOf(DuplicateWindow.Fresh.class);
        assertThatThrownBy(() -> w.setWindow(Duration.ZERO)).hasMessageContaining("longer than zero");
    }

    @Test
    void holdsAtMostItsSizeForgettingTheOldest() {
        DuplicateWindow w = new DuplicateWindow(3, Duration.ofHours(1), clock);
        for (String id : List.of("a", "b", "c", "d")) {
            w.claim(id);
            w.accept(id, List.of("job"));
        }
        assertThat(w.size()).isEqualTo(3);
        assertThat(w.claim("a")).isInstanceOf(DuplicateWindow.Fresh.class);
        assertThat(w.claim("d")).isInstanceOf(DuplicateWindow.Seen.class);
    }

    @Test
    void concurrentCopiesAreClaimedOnce() throws Exception {
        DuplicateWindow w = new DuplicateWindow(1000, Duration.ofHours(1), clock);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<DuplicateWindow.Claim>> claims = new ArrayList<>();
            for (int i = 0; i < 32; i++) {
                claims.add(pool.submit(() -> {
                    start.await();
                    return w.claim("same");
                }));
            }
            start.countDown();
            int fresh = 0;
            for (Future<DuplicateWindow.Claim> c : claims) {
                fresh += c.get(10, TimeUnit.SECONDS) instanceof DuplicateWindow.Fresh ? 1 : 0;
            }
            assertThat(fresh).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void agreesWithASimpleModelOverManyDeliveriesEvictionsAndExpiries() {
        // A small bound and window, so that the ring wraps, grows and the index deletes many times over.
        int max = 37;
        DuplicateWindow w = new DuplicateWindow(max, Duration.ofMinutes(30), clock);
        java.util.LinkedHashMap<String, Instant> model = new java.util.LinkedHashMap<>();
        java.util.Random random = new java.util.Random(42);
        for (int step = 0; step < 50_000; step++) {
            clock.advance(Duration.ofSeconds(random.nextInt(20)));
            Instant oldest = clock.instant().minus(Duration.ofMinutes(30));
            model.values().removeIf(at -> at.isBefore(oldest));
            String id = "d" + random.nextInt(400);
            DuplicateWindow.Claim claim = w.claim(id);
            if (model.containsKey(id)) {
                assertThat(claim).as("step %d, %s", step, id)
                        .isEqualTo(new DuplicateWindow.Seen(model.get(id), List.of("job-" + id), id));
                continue;
            }
            assertThat(claim).as("step %d, %s", step, id).isInstanceOf(DuplicateWindow.Fresh.class);
            if (random.nextBoolean()) {
                w.accept(id, List.of("job-" + id));
                model.put(id, clock.instant());
                if (model.size() > max) {
                    model.remove(model.keySet().iterator().next());
                }
            } else {
                w.release(id);
            }
            assertThat(w.size()).isEqualTo(model.size());
        }
    }

    @Test
    void equalStartedListsAreHeldOnce() {
        DuplicateWindow w = new DuplicateWindow(10, Duration.ofHours(1), clock);
        w.claim("a");
        w.accept("a", new ArrayList<>(List.of("job")));
        w.claim("b");
        w.accept("b", new ArrayList<>(List.of("job")));
        assertThat(((DuplicateWindow.Seen) w.claim("a")).started())
                .isSameAs(((DuplicateWindow.Seen) w.claim("b")).started());
    }

    static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
