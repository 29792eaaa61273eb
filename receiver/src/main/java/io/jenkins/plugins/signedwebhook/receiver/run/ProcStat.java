package io.jenkins.plugins.signedwebhook.receiver.run;

import io.jenkins.plugins.signedwebhook.receiver.store.ProcessIdentity;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The fields of {@code /proc/<pid>/stat} that tell a command's processes apart (Linux only; elsewhere nothing is read):
 * state (field 3), process group (5), session (6) and start time in clock ticks after boot (22).
 */
record ProcStat(long pid, char state, long processGroup, long session, long startTicks) {
    private static final Path PROC = Path.of("/proc");

    /** The process's fields now; empty when there is no such process (or no {@code /proc}). */
    static Optional<ProcStat> read(long pid) {
        try {
            return parse(pid, Files.readString(PROC.resolve(Long.toString(pid)).resolve("stat"), StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            // Gone between listing and reading, or not Linux: either way nothing is known about it.
            return Optional.empty();
        }
    }

    /**
     * Parses one stat line. The command name (field 2) is in parentheses and may itself hold spaces and parentheses,
     * so the fields are counted from the last {@code ')'}.
     */
    static Optional<ProcStat> parse(long pid, String line) {
        int end = line.lastIndexOf(')');
        if (end < 0) {
            return Optional.empty();
        }
        String[] fields = line.substring(end + 1).trim().split(" +");
        if (fields.length < 20 || fields[0].length() != 1) {
            return Optional.empty();
        }
        try {
            return Optional.of(new ProcStat(pid, fields[0].charAt(0), Long.parseLong(fields[2]), Long.parseLong(fields[3]),
                    Long.parseLong(fields[19])));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The live processes (zombies left out) of session {@code session}. */
    static List<ProcStat> ofSession(long session) {
        List<Long> pids = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(PROC, "[0-9]*")) {
            for (Path entry : entries) {
                pids.add(Long.parseLong(entry.getFileName().toString()));
            }
        } catch (IOException | RuntimeException e) {
            // No /proc (not Linux), or the listing broke off: what was listed is still looked at.
        }
        List<ProcStat> members = new ArrayList<>();
        for (long pid : pids) {
            read(pid).filter(stat -> stat.session() == session && stat.isLive()).ifPresent(members::add);
        }
        return members;
    }

    ProcessIdentity identity() {
        return new ProcessIdentity(pid, startTicks);
    }

    /** Runs or could run: not a zombie waiting to be reaped, not dead. */
    boolean isLive() {
        return state != 'Z' && state != 'X' && state != 'x';
    }

    /** Leads its own session, as a command started through {@code setsid} does. */
    boolean leadsSession() {
        return session == pid;
    }
}
