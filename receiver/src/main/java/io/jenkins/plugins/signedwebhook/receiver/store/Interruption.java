package io.jenkins.plugins.signedwebhook.receiver.store;

import java.util.Locale;

/** What cut an interrupted run short. */
public enum Interruption {
    /** The receiver died (SIGKILL, power loss, out of memory) without a clean stop. */
    CRASH,
    /** A clean stop (SIGTERM, Ctrl-C) whose {@code shutdownGrace} ran out while the run's command was running. */
    STOP;

    String column() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Interruption of(String column) {
        return valueOf(column.toUpperCase(Locale.ROOT));
    }

    /** As the log says it: "interrupted by a crash". */
    public String phrase() {
        return "a " + column();
    }
}
