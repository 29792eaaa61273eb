package io.jenkins.plugins.signedwebhook.receiver.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.signedwebhook.receiver.store.ProcessIdentity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * A recorded command is the same process only with the same pid and the same start time; its whole session is ended,
 * SIGTERM first and SIGKILL for what ignores it.
 */
@EnabledOnOs(OS.LINUX)
class CommandProcessesTest {
    private static final Path SETSID = CommandRunner.onPath("setsid", System.getenv("PATH")).orElseThrow();

    @TempDir
    Path dir;

    private Process started;

    @AfterEach
    void cleanUp() {
        if (started != null) {
            started.descendants().forEach(ProcessHandle::destroyForcibly);
            started.destroyForcibly();
        }
    }

    /** {@code sh -c script} in a session of its own, as the receiver starts a command; returns once the child wrote {@code child.pid}. */
    private ProcessIdentity startInSession(String script) throws Exception {
        started = new ProcessBuilder(SETSID.toString(), "sh", "-c", script).directory(dir.toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!Files.exists(dir.resolve("child.pid")) || Files.readString(dir.resolve("child.pid")).isBlank()) {
            assertThat(System.nanoTime() - deadline).as("child.pid written within 20 s").isNegative();
            Thread.sleep(20);
        }
        return ProcStat.read(started.pid()).orElseThrow().identity();
    }

    private long childPid() throws Exception {
        return Long.parseLong(Files.readString(dir.resolve("child.pid")).trim());
    }

    @Test
    void aLivePidWithAnotherStartTimeIsNotTheRecordedProcessAndIsLeftRunning() throws Exception {
        ProcessIdentity real = startInSession("sleep 30 & echo $! > child.pid; wait");
        ProcessIdentity reused = new ProcessIdentity(real.pid(), real.startTicks() + 1);

        assertThat(CommandProcesses.isRunning(reused)).isFalse();
        assertThat(CommandProcesses.of(reused).live()).isEmpty();
        assertThat(CommandProcesses.isRunning(real)).isTrue();
        assertThat(started.isAlive()).isTrue();
    }

    @Test
    void aPidNowHeldByALaterProcessIsNeverSignalledNorIsItsSessionWhileTheCommandIsPolled() throws Exception {
        // The recorded command started a tick before the live process that now holds its pid (and leads a session).
        ProcessIdentity live = startInSession("sleep 30 & echo $! > child.pid; wait");
        long child = childPid();
        CommandProcesses recorded = CommandProcesses.of(new ProcessIdentity(live.pid(), live.startTicks() - 1));

        recorded.terminate();
        assertThat(recorded.awaitGone(System.nanoTime() + TimeUnit.SECONDS.toNanos(5))).isTrue();
        assertThat(recorded.kill()).isTrue();
        recorded.killNow();

        assertThat(started.isAlive()).isTrue();
        assertThat(ProcStat.read(child).filter(ProcStat::isLive)).isPresent();
    }

    @Test
    void theSessionOfACommandThatHasAlreadyEndedIsStillEnded() throws Exception {
        ProcessIdentity leader = startInSession("sleep 30 & echo $! > child.pid; read -r end");
        long child = childPid();
        started.getOutputStream().close();
        assertThat(started.waitFor(20, TimeUnit.SECONDS)).isTrue();
        CommandProcesses command = CommandProcesses.of(leader);
        assertThat(command.live()).extracting(ProcessHandle::pid).containsExactly(child);

        command.terminate();

        assertThat(command.awaitGone(System.nanoTime() + TimeUnit.SECONDS.toNanos(20))).isTrue();
        assertThat(ProcStat.read(child).filter(ProcStat::isLive)).isEmpty();
    }

    @Test
    void sigtermEndsTheCommandAndTheChildrenOfItsSession() throws Exception {
        ProcessIdentity leader = startInSession("sleep 30 & echo $! > child.pid; wait");
        long child = childPid();
        CommandProcesses command = CommandProcesses.of(leader);
        assertThat(command.leadsSession()).isTrue();
        assertThat(command.live()).extracting(ProcessHandle::pid).contains(leader.pid(), child);

        command.terminate();

        assertThat(command.awaitGone(System.nanoTime() + TimeUnit.SECONDS.toNanos(20))).isTrue();
        assertThat(ProcStat.read(child).filter(ProcStat::isLive)).isEmpty();
    }

    @Test
    void aChildThatIgnoresSigtermIsKilledAndSoIsOneThatLeftTheTreeButNotTheSession() throws Exception {
        // The second child's parent (a subshell) exits at once: it is re-parented, out of the command's tree.
        ProcessIdentity leader = startInSession("(trap '' TERM; exec sleep 30) & (sleep 30 & echo $! > orphan.pid) ;"
                + " sleep 0.2; echo $! > child.pid; wait");
        long ignoring = childPid();
        long orphan = Long.parseLong(Files.readString(dir.resolve("orphan.pid")).trim());
        CommandProcesses command = CommandProcesses.of(leader);

        command.terminate();
        command.awaitGone(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(300));
        assertThat(command.kill()).isTrue();

        for (long pid : List.of(leader.pid(), ignoring, orphan)) {
            assertThat(ProcStat.read(pid).filter(ProcStat::isLive)).as("pid %d", pid).isEmpty();
        }
    }
}
