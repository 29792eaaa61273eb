package io.jenkins.plugins.signedwebhook.receiver.run;

import io.jenkins.plugins.signedwebhook.receiver.store.ProcessIdentity;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The processes of one command: its whole session when the command leads one (started through {@code setsid}), else
 * the command and its descendants. Signals go through {@link ProcessHandle}, which checks each process's start time
 * before it signals, so a pid given to a new process meanwhile is never signalled.
 */
final class CommandProcesses {
    private static final long POLL_MILLIS = 50;
    /** How long SIGKILL is given to take every process away (they cannot refuse it; they may be in the kernel). */
    private static final long KILL_WAIT_MILLIS = 5000;
    private final long leader;
    private final boolean session;
    /** The processes seen so far: a descendant stays known after its parent is gone. */
    private final Set<ProcessHandle> seen = new LinkedHashSet<>();

    private CommandProcesses(long leader, boolean session) {
        this.leader = leader;
        this.session = session;
    }

    /**
     * The same process? {@code identity}'s pid is running now (not a zombie) with the same start time; a pid whose
     * start time differs is a later process that was given the same number.
     */
    static boolean isRunning(ProcessIdentity identity) {
        return ProcStat.read(identity.pid())
                .filter(stat -> stat.isLive() && stat.startTicks() == identity.startTicks())
                .isPresent();
    }

    /** The command {@code identity} started, if that very process still runs. */
    static Optional<CommandProcesses> ofRunning(ProcessIdentity identity) {
        Optional<ProcStat> stat = ProcStat.read(identity.pid())
                .filter(s -> s.isLive() && s.startTicks() == identity.startTicks());
        return stat.map(s -> new CommandProcesses(s.pid(), s.leadsSession()));
    }

    /** The processes of a command this receiver started and still holds. */
    static CommandProcesses of(Process process) {
        boolean session = ProcStat.read(process.pid()).map(ProcStat::leadsSession).orElse(false);
        return new CommandProcesses(process.pid(), session);
    }

    /** Whether the command's processes are found as its session (else as its process tree). */
    boolean isSession() {
        return session;
    }

    /** The command's processes alive now: the command, its descendants, and in session mode every process of it. */
    List<ProcessHandle> live() {
        ProcessHandle.of(leader).ifPresent(root -> {
            seen.add(root);
            root.descendants().forEach(seen::add);
        });
        if (session) {
            ProcStat.ofSession(leader).forEach(stat -> ProcessHandle.of(stat.pid()).ifPresent(seen::add));
        }
        // A zombie (killed, not yet reaped by its new parent) counts as gone.
        seen.removeIf(handle -> !handle.isAlive() || ProcStat.read(handle.pid()).map(stat -> !stat.isLive()).orElse(false));
        return List.copyOf(seen);
    }

    /** SIGTERM to every process of the command. */
    void terminate() {
        live().forEach(ProcessHandle::destroy);
    }

    /** Waits until no process of the command is alive, or {@code deadlineNanos} ({@link System#nanoTime}) passes. */
    boolean awaitGone(long deadlineNanos) throws InterruptedException {
        while (!live().isEmpty()) {
            if (System.nanoTime() - deadlineNanos >= 0) {
                return false;
            }
            TimeUnit.MILLISECONDS.sleep(POLL_MILLIS);
        }
        return true;
    }

    /**
     * SIGKILL to every process of the command, again to any it forked meanwhile, until none is alive or a few seconds
     * have passed; true if none is alive.
     */
    boolean kill() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(KILL_WAIT_MILLIS);
        List<ProcessHandle> live;
        while (!(live = live()).isEmpty()) {
            live.forEach(ProcessHandle::destroyForcibly);
            if (System.nanoTime() - deadline >= 0) {
                return live().isEmpty();
            }
            TimeUnit.MILLISECONDS.sleep(POLL_MILLIS);
        }
        return true;
    }

    /** SIGKILL to every process of the command alive now, without waiting (for a stop, which must not hang). */
    void killNow() {
        live().forEach(ProcessHandle::destroyForcibly);
    }
}
