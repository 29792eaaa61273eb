package io.jenkins.plugins.signedwebhook.receiver;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;

/**
 * A clock that reads a replayed instant while stored deliveries are put back into a duplicate window, and the real
 * time otherwise, so a restored entry keeps the time it was first accepted and expires when it would have.
 */
final class ReplayClock extends Clock {
    private final Clock real;
    private volatile Instant replaying;

    ReplayClock(Clock real) {
        this.real = real;
    }

    void replay(Instant at) {
        replaying = at;
    }

    void live() {
        replaying = null;
    }

    @Override
    public Instant instant() {
        Instant at = replaying;
        return at != null ? at : real.instant();
    }

    @Override
    public ZoneId getZone() {
        return real.getZone();
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return real.withZone(zone);
    }
}
