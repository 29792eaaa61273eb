package io.jenkins.plugins.signedwebhook.core.multibranch;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * When an organization folder was last scanned for a repository it still has no project for (the navigator filters
 * it out, or it has no Jenkinsfile), so pushes to it rescan the folder at most once per retry interval rather than
 * on every push. Bounded: the least recently asked entries go first, and a forgotten one only costs one more scan.
 */
public final class ScanMemory {
    /** How long after a scan a push to a repository that still has no project asks for no other. */
    public static final Duration RETRY = Duration.ofMinutes(10);
    /** How many (folder, repository) pairs are remembered. */
    public static final int CAPACITY = 10_000;

    private final Clock clock;
    private final Duration retry;
    private final Map<String, Instant> scanned;

    public ScanMemory(Clock clock, Duration retry, int capacity) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.retry = Objects.requireNonNull(retry, "retry");
        this.scanned = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Instant> eldest) {
                return size() > capacity;
            }
        };
    }

    public static ScanMemory withDefaults(Clock clock) {
        return new ScanMemory(clock, RETRY, CAPACITY);
    }

    /**
     * Claims a scan of {@code folder} for {@code repository}: empty when one may start now (and it is remembered),
     * else the instant of the recent scan that makes another needless.
     */
    public synchronized Optional<Instant> claim(String folder, String repository) {
        String key = key(folder, repository);
        Instant now = clock.instant();
        Instant last = scanned.get(key);
        if (last != null && now.isBefore(last.plus(retry))) {
            return Optional.of(last);
        }
        scanned.put(key, now);
        return Optional.empty();
    }

    /** The folder has a project for the repository now: a push after that project is gone scans at once. */
    public synchronized void forget(String folder, String repository) {
        scanned.remove(key(folder, repository));
    }

    synchronized int size() {
        return scanned.size();
    }

    private static String key(String folder, String repository) {
        return folder + '\n' + repository;
    }

    /** When the next scan for a repository remembered at {@code last} may start. */
    public Instant next(Instant last) {
        return last.plus(retry);
    }
}
