package io.jenkins.plugins.signedwebhook.receiver;

import io.jenkins.plugins.signedwebhook.receiver.config.ConfigException;
import io.jenkins.plugins.signedwebhook.receiver.config.ConfigLoader;
import io.jenkins.plugins.signedwebhook.receiver.config.ReceiverConfig;
import io.jenkins.plugins.signedwebhook.receiver.store.Database;
import io.jenkins.plugins.signedwebhook.receiver.store.SqliteImport;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.logging.LogManager;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code java -jar signed-webhook-receiver.jar --config receiver.yml}. */
@Command(name = "signed-webhook-receiver", mixinStandardHelpOptions = true, versionProvider = Main.VersionProvider.class,
        description = "Runs deploy commands for signed GitHub push webhooks.")
public final class Main implements Callable<Integer> {
    /** Exit code for a configuration that does not validate. */
    public static final int CONFIG_ERROR = 2;

    @Option(names = "--config", required = true, paramLabel = "FILE", description = "The YAML configuration file.")
    Path config;

    @Option(names = "--check-config", description = "Validate the configuration (secrets included) and exit.")
    boolean checkOnly;

    @Option(names = "--import-sqlite", paramLabel = "RECEIVER_DB", description = "Copy a stopped receiver's SQLite"
            + " file (dataDir/receiver.db) into the configuration's store.postgres database, then exit.")
    Path importFrom;

    public static void main(String[] args) {
        // Before anything touches java.util.logging: the log stays up until the receiver has stopped.
        if (System.getProperty("java.util.logging.manager") == null) {
            System.setProperty("java.util.logging.manager", StoppingLogManager.class.getName());
        }
        // One line per record, so every delivery is one line in the log; written off the request threads.
        System.setProperty("java.util.logging.SimpleFormatter.format", AsyncLogHandler.FORMAT);
        AsyncLogHandler.install();
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        return new CommandLine(new Main());
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter err = new PrintWriter(System.err, true);
        ReceiverConfig loaded;
        try {
            loaded = new ConfigLoader(System::getenv).load(config);
        } catch (ConfigException e) {
            err.println("configuration error: " + e.getMessage());
            return CONFIG_ERROR;
        }
        if (checkOnly) {
            System.out.println(config + ": OK, " + loaded.hooks().size() + " hook(s)");
            return 0;
        }
        if (importFrom != null) {
            return importSqlite(loaded, err);
        }
        Receiver receiver;
        try {
            receiver = Receiver.start(loaded, System::getenv, Clock.systemUTC());
        } catch (IOException e) {
            err.println("cannot start: " + e.getMessage());
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                receiver.close();
                err.println("signed-webhook receiver stopped");
            } catch (Exception e) {
                err.println("error while stopping: " + e);
            } finally {
                stopped.countDown();
            }
        }, "shutdown"));
        if (LogManager.getLogManager() instanceof StoppingLogManager logs) {
            // Not so with -Djava.util.logging.manager of the user's: then lines logged while stopping may be lost.
            logs.holdResetUntil(stopped, loaded.shutdownGrace().plusSeconds(30));
        }
        stopped.await();
        return 0;
    }

    private int importSqlite(ReceiverConfig loaded, PrintWriter err) {
        if (!(loaded.store() instanceof ReceiverConfig.Store.Postgres)) {
            err.println("cannot import: " + config + " has no store.postgres to import into");
            return CONFIG_ERROR;
        }
        try (Database target = Receiver.open(loaded, System::getenv, Clock.systemUTC())) {
            SqliteImport.Copied copied = SqliteImport.copy(importFrom, target);
            System.out.println("imported " + copied.deliveries() + " delivery id(s), " + copied.runs() + " run(s) and "
                    + copied.callbacks() + " callback(s) from " + importFrom);
            return 0;
        } catch (IOException e) {
            err.println("cannot import: " + e.getMessage());
            return 1;
        }
    }

    /** Reads the version from the jar manifest. */
    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"signed-webhook-receiver " + Version.get()};
        }
    }
}
