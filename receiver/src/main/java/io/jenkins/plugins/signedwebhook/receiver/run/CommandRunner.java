package io.jenkins.plugins.signedwebhook.receiver.run;

import io.jenkins.plugins.signedwebhook.receiver.config.HookConfig;
import io.jenkins.plugins.signedwebhook.receiver.store.ProcessIdentity;
import io.jenkins.plugins.signedwebhook.receiver.store.RunState;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * Runs a hook's command: the argument list as given (no shell), a clean environment of the listed pass-through
 * variables plus the push's {@code WEBHOOK_*} variables, output to a log file cut at the hook's size cap, and all its
 * processes killed at the timeout. Where {@code setsid} (util-linux) is on the receiver's {@code PATH}, the command
 * runs in a session of its own, so that its processes can be found and ended even after the receiver has died.
 */
public final class CommandRunner {
    private static final int BUFFER = 8192;
    private final UnaryOperator<String> environment;
    private final Optional<Path> setsid;
    /** The commands running now, each with its process as read when it started (empty where /proc cannot be read). */
    private final Map<Process, Optional<ProcessIdentity>> live = new ConcurrentHashMap<>();

    /** Runs commands through {@code setsid} when it is on the {@code PATH} that {@code environment} gives. */
    public CommandRunner(UnaryOperator<String> environment) {
        this(environment, onPath("setsid", environment.apply("PATH")));
    }

    CommandRunner(UnaryOperator<String> environment, Optional<Path> setsid) {
        this.environment = environment;
        this.setsid = setsid;
    }

    /** The {@code setsid} commands are started through; empty when none was found, and commands share the receiver's session. */
    public Optional<Path> setsid() {
        return setsid;
    }

    /** How a run ended; {@code exitCode} is absent when the process never started or was killed at the timeout. */
    public record Result(RunState state, Integer exitCode) {}

    /**
     * Runs the hook's command to its end or its timeout; {@code started} learns the command's process as soon as it
     * has started (not at all where {@code /proc} cannot be read).
     */
    public Result run(HookConfig hook, Map<String, String> variables, Path logFile, Consumer<ProcessIdentity> started)
            throws IOException, InterruptedException {
        Files.createDirectories(logFile.getParent());
        List<String> command = hook.command();
        String program = command.get(0);
        if (setsid.isPresent()) {
            // setsid runs the program with the command's environment, whose PATH is not the receiver's: found here,
            // on the receiver's PATH, as ProcessBuilder finds a program.
            Optional<Path> found = program.contains("/")
                    ? Optional.of(hook.workdir().resolve(program)).filter(CommandRunner::isExecutable)
                    : onPath(program, environment.apply("PATH"));
            if (found.isEmpty()) {
                try (OutputStream log = Files.newOutputStream(logFile)) {
                    log.write(("could not start " + program + ": no executable file "
                            + (program.contains("/") ? "at " + hook.workdir().resolve(program) : "of that name on the PATH")
                            + "\n").getBytes(StandardCharsets.UTF_8));
                }
                return new Result(RunState.FAILURE, null);
            }
            // Never a process group leader (ProcessBuilder's child is in the receiver's group), setsid does not fork:
            // the pid started is the command's, and leads its new session.
            List<String> wrapped = new ArrayList<>();
            wrapped.add(setsid.get().toString());
            wrapped.add(program.contains("/") ? program : found.get().toString());
            wrapped.addAll(command.subList(1, command.size()));
            command = wrapped;
        }
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(hook.workdir().toFile())
                .redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.clear();
        for (String name : hook.env()) {
            String value = environment.apply(name);
            if (value != null) {
                env.put(name, value);
            }
        }
        env.putAll(variables);
        try (OutputStream log = Files.newOutputStream(logFile)) {
            Process process;
            try {
                process = builder.start();
            } catch (IOException e) {
                log.write(("could not start " + program + ": " + e.getMessage() + "\n")
                        .getBytes(StandardCharsets.UTF_8));
                return new Result(RunState.FAILURE, null);
            }
            // Read while the process cannot yet have been reaped: later its pid may be another process's.
            Optional<ProcessIdentity> identity = ProcStat.read(process.pid()).map(ProcStat::identity);
            live.put(process, identity);
            try {
                identity.ifPresent(started);
                process.getOutputStream().close();
                Thread copier = new Thread(() -> copyCapped(process.getInputStream(), log, hook.maxLogBytes()),
                        "log-" + hook.id());
                copier.start();
                boolean finished = process.waitFor(hook.timeout().toMillis(), TimeUnit.MILLISECONDS);
                if (!finished) {
                    if (identity.isPresent()) {
                        CommandProcesses.of(identity.get()).kill();
                    } else {
                        killTree(process);
                    }
                    process.waitFor();
                }
                copier.join(TimeUnit.SECONDS.toMillis(5));
                if (!finished) {
                    log.write(("\n[killed after the timeout of " + hook.timeout() + "]\n").getBytes(StandardCharsets.UTF_8));
                    return new Result(RunState.TIMEOUT, null);
                }
                int code = process.exitValue();
                return new Result(code == 0 ? RunState.SUCCESS : RunState.FAILURE, code);
            } catch (InterruptedException e) {
                kill(process, identity);
                throw e;
            } finally {
                live.remove(process);
            }
        }
    }

    /** Kills every command still running, with all its processes; for shutdown. */
    public void killAll() {
        // Looked at now, not at the start: by now the command has made its session.
        live.forEach(CommandRunner::kill);
    }

    /** Kills the running command whose process is {@code identity}, with all its processes: a run taken over elsewhere. */
    public void kill(ProcessIdentity identity) {
        live.forEach((process, known) -> {
            if (known.equals(Optional.of(identity))) {
                kill(process, known);
            }
        });
    }

    private static void kill(Process process, Optional<ProcessIdentity> identity) {
        if (identity.isPresent()) {
            CommandProcesses.of(identity.get()).killNow();
            process.destroyForcibly();
        } else {
            killTree(process);
        }
    }

    /**
     * SIGKILL to the command and the processes below it, where {@code /proc} gave no identity to check them by; the
     * JDK's handles carry their own start times.
     */
    private static void killTree(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    /** The first executable file {@code name} in the directories of {@code path}. */
    static Optional<Path> onPath(String name, String path) {
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty()) {
                Path candidate = Path.of(dir).resolve(name);
                if (isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    private static boolean isExecutable(Path file) {
        return Files.isRegularFile(file) && Files.isExecutable(file);
    }

    private static void copyCapped(InputStream in, OutputStream log, long cap) {
        byte[] buffer = new byte[BUFFER];
        long written = 0;
        boolean truncated = false;
        try (in) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                if (written < cap) {
                    int keep = (int) Math.min(n, cap - written);
                    synchronized (log) {
                        log.write(buffer, 0, keep);
                    }
                    written += keep;
                } else if (!truncated) {
                    truncated = true;
                    synchronized (log) {
                        log.write(("\n[log cut at " + cap + " bytes]\n").getBytes(StandardCharsets.UTF_8));
                    }
                }
            }
        } catch (IOException e) {
            // The process is gone or the log closed; nothing more can be copied.
        }
    }
}
