package io.jenkins.plugins.signedwebhook.receiver.store;

import java.util.Locale;

/** What cut an interrupted run short. */
public enum Interruption {
    /** The receiver died (SIGKILL, power loss, out of memory) without a clean stop. */
    CRASH,
    /** A clean stop (SIGTERM, Ctrl-C) whose {@code shutdownGrace} ran out while the run's command was running. */
    STOP,
    /** On a shared database: its replica's lease ran out (it died, or lost the database), and another took it over. */
    LEASE;

    String column() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Interruption of(String column) {
        return valueOf(column.toUpperCase(Locale.ROOT));
    }

    /** As the log says it: "interrupted by a crash". */
    public String phrase() {
        return this == LEASE ? "the end of its replica's lease" : "a " + column();
    }
}
