package io.jenkins.plugins.signedwebhook.receiver.run;

import io.jenkins.plugins.signedwebhook.receiver.store.ProcessIdentity;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The processes of one command: the command, its descendants, and every process of the session it leads (started
 * through {@code setsid}), even once the command itself is gone. A process is taken only while {@code /proc} shows it
 * with the start time it had when found, so a pid given to a new process meanwhile is never signalled; handles keep
 * that start time, and {@link ProcessHandle} checks it before each signal.
 */
final class CommandProcesses {
    private static final long POLL_MILLIS = 50;
    /** How long SIGKILL is given to take every process away (they cannot refuse it; they may be in the kernel). */
    private static final long KILL_WAIT_MILLIS = 5000;
    private final ProcessIdentity leader;
    /** The processes seen so far: a descendant stays known after its parent is gone. */
    private final Set<ProcessHandle> seen = new LinkedHashSet<>();

    private CommandProcesses(ProcessIdentity leader) {
        this.leader = leader;
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

    /** The processes of the command started as {@code leader}, whether or not that process still runs. */
    static CommandProcesses of(ProcessIdentity leader) {
        return new CommandProcesses(leader);
    }

    /** Whether the command itself still runs and leads its own session. */
    boolean leadsSession() {
        return ProcStat.read(leader.pid())
                .filter(stat -> stat.isLive() && stat.startTicks() == leader.startTicks() && stat.leadsSession())
                .isPresent();
    }

    /**
     * The command's processes alive now. Its session's members are those whose session id is the command's pid and
     * that started no earlier than it: while any of them lives, that pid is given to no new process.
     */
    List<ProcessHandle> live() {
        Optional<ProcStat> now = ProcStat.read(leader.pid());
        // The pid of a new process: the number was free, so no process was left in the command's session.
        boolean reused = now.isPresent() && now.get().startTicks() != leader.startTicks();
        if (!reused) {
            if (now.isPresent()) {
                ProcessHandle.of(leader.pid()).filter(handle -> isStill(handle, leader.startTicks(), -1)).ifPresent(root -> {
                    seen.add(root);
                    root.descendants().forEach(seen::add);
                });
            }
            for (ProcStat member : ProcStat.ofSession(leader.pid())) {
                if (member.startTicks() >= leader.startTicks()) {
                    ProcessHandle.of(member.pid())
                            .filter(handle -> isStill(handle, member.startTicks(), leader.pid()))
                            .ifPresent(seen::add);
                }
            }
        }
        // A zombie (killed, not yet reaped by its new parent) counts as gone.
        seen.removeIf(handle -> !handle.isAlive() || ProcStat.read(handle.pid()).map(stat -> !stat.isLive()).orElse(false));
        return List.copyOf(seen);
    }

    /** Whether {@code handle}, taken after its stat was read, is that process (and in {@code session}, unless -1). */
    private static boolean isStill(ProcessHandle handle, long startTicks, long session) {
        return ProcStat.read(handle.pid())
                .filter(stat -> stat.startTicks() == startTicks && (session < 0 || stat.session() == session))
                .isPresent();
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
