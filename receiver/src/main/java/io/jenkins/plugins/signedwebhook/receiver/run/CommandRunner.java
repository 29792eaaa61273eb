package io.jenkins.plugins.signedwebhook.receiver.run;

import io.jenkins.plugins.signedwebhook.receiver.config.HookConfig;
import io.jenkins.plugins.signedwebhook.receiver.store.RunState;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * Runs a hook's command: the argument list as given (no shell), a clean environment of the listed pass-through
 * variables plus the push's {@code WEBHOOK_*} variables, output to a log file cut at the hook's size cap, and the
 * whole process tree killed at the timeout.
 */
public final class CommandRunner {
    private static final int BUFFER = 8192;
    private final UnaryOperator<String> environment;
    private final Set<Process> live = ConcurrentHashMap.newKeySet();

    public CommandRunner(UnaryOperator<String> environment) {
        this.environment = environment;
    }

    /** How a run ended; {@code exitCode} is absent when the process never started or was killed at the timeout. */
    public record Result(RunState state, Integer exitCode) {}

    public Result run(HookConfig hook, Map<String, String> variables, Path logFile) throws IOException, InterruptedException {
        Files.createDirectories(logFile.getParent());
        ProcessBuilder builder = new ProcessBuilder(hook.command())
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
                log.write(("could not start " + hook.command().get(0) + ": " + e.getMessage() + "\n")
                        .getBytes(StandardCharsets.UTF_8));
                return new Result(RunState.FAILURE, null);
            }
            live.add(process);
            try {
                process.getOutputStream().close();
                Thread copier = new Thread(() -> copyCapped(process.getInputStream(), log, hook.maxLogBytes()),
                        "log-" + hook.id());
                copier.start();
                boolean finished = process.waitFor(hook.timeout().toMillis(), TimeUnit.MILLISECONDS);
                if (!finished) {
                    killTree(process);
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
                killTree(process);
                throw e;
            } finally {
                live.remove(process);
            }
        }
    }

    /** Kills every command still running, with its children; for shutdown. */
    public void killAll() {
        live.forEach(CommandRunner::killTree);
    }

    static void killTree(Process process) {
        // Children first: once the parent is gone they are re-parented and can no longer be found from it.
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
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
