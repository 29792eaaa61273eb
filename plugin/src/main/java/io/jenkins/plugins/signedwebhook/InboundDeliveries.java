package io.jenkins.plugins.signedwebhook;

import io.jenkins.plugins.signedwebhook.core.inbound.Answer;
import io.jenkins.plugins.signedwebhook.core.inbound.BuildScheduler;
import io.jenkins.plugins.signedwebhook.core.inbound.DeliveryLog;
import io.jenkins.plugins.signedwebhook.core.inbound.DeliveryRecord;
import io.jenkins.plugins.signedwebhook.core.inbound.DuplicateWindow;
import io.jenkins.plugins.signedwebhook.core.inbound.EngineSettings;
import io.jenkins.plugins.signedwebhook.core.inbound.InboundRequest;
import io.jenkins.plugins.signedwebhook.core.inbound.Verdict;
import io.jenkins.plugins.signedwebhook.core.inbound.WebhookEngine;
import io.jenkins.plugins.signedwebhook.core.inbound.limit.ClientLimiter;
import io.jenkins.plugins.signedwebhook.core.inbound.limit.FloodLimits;
import io.jenkins.plugins.signedwebhook.core.match.SubscriptionRegistry;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Inbound deliveries for the life of the plugin, apart from Jenkins so it is tested alone: one engine, one duplicate
 * window and one delivery log, never rebuilt. Settings are read for each delivery, so a save of the global
 * configuration changes limits without forgetting an accepted id; the accepted ids are restored at start from
 * {@code accepted-deliveries.jsonl} and, for a Jenkins upgraded from a version without that file, from the delivery log.
 */
final class InboundDeliveries implements AutoCloseable {
    private static final Logger LOGGER = Logger.getLogger(InboundDeliveries.class.getName());
    static final int DUPLICATE_WINDOW_ENTRIES = 10_000;
    static final String DELIVERY_LOG_FILE = "deliveries.json";
    static final String JOURNAL_FILE = "accepted-deliveries.jsonl";

    /** What the global configuration says about inbound deliveries. */
    record Settings(EngineSettings engine, Duration duplicateWindow, int deliveryLogSize, FloodLimits rateLimit) {}

    private final Supplier<Settings> settings;
    private final Clock clock;
    private final DeliveryLog deliveryLog;
    private final DeliveryLogStore store;
    private final DuplicateWindow window;
    private final AcceptedJournal journal;
    private final ClientLimiter limiter;
    private final WebhookEngine engine;
    private volatile Settings applied;

    InboundDeliveries(Path directory, SubscriptionRegistry registry, BuildScheduler scheduler, Supplier<Settings> settings,
            Clock clock) {
        this.settings = settings;
        this.clock = clock;
        Settings now = settings.get();
        this.applied = now;
        this.deliveryLog = new DeliveryLog(now.deliveryLogSize());
        this.store = new DeliveryLogStore(directory.resolve(DELIVERY_LOG_FILE));
        List<DeliveryRecord> saved = store.load();
        deliveryLog.restore(saved);
        this.window = new DuplicateWindow(DUPLICATE_WINDOW_ENTRIES, now.duplicateWindow(), clock);
        this.journal = new AcceptedJournal(directory.resolve(JOURNAL_FILE), DUPLICATE_WINDOW_ENTRIES, DUPLICATE_WINDOW_ENTRIES);
        restoreWindow(saved, clock.instant().minus(now.duplicateWindow()));
        this.limiter = new ClientLimiter(now.rateLimit(), clock);
        this.engine = new WebhookEngine(this::currentEngineSettings, registry, window, limiter, deliveryLog, scheduler, clock);
    }

    private void restoreWindow(List<DeliveryRecord> deliveryLogRecords, Instant since) {
        List<DuplicateWindow.Accepted> earlier = new ArrayList<>();
        for (DeliveryRecord r : deliveryLogRecords) {
            if ("accepted".equals(r.result()) && r.deliveryId() != null && !r.started().isEmpty() && !r.receivedAt().isBefore(since)) {
                earlier.add(new DuplicateWindow.Accepted(r.deliveryId(), r.receivedAt(), r.started()));
            }
        }
        List<DuplicateWindow.Accepted> journaled;
        try {
            journaled = journal.entriesSince(since);
        } catch (IOException e) {
            journaled = null;
            LOGGER.log(Level.WARNING, "could not read the accepted deliveries journal; restoring the accepted deliveries"
                    + " of the delivery log only", e);
        }
        if (journaled != null) {
            earlier.addAll(journaled);
        }
        window.restore(earlier);
        if (journaled != null) {
            try {
                journal.replaceWith(earlier.stream().sorted(Comparator.comparing(DuplicateWindow.Accepted::acceptedAt)).toList());
            } catch (IOException e) {
                LOGGER.log(Level.WARNING, "could not compact the accepted deliveries journal; it is appended to as it is", e);
            }
        }
    }

    private EngineSettings currentEngineSettings() {
        Settings now = settings.get();
        if (!now.equals(applied)) {
            window.setWindow(now.duplicateWindow());
            deliveryLog.setCapacity(now.deliveryLogSize());
            limiter.setLimits(now.rateLimit());
            applied = now;
        }
        return now.engine();
    }

    Answer handle(InboundRequest request) {
        Answer answer = engine.handle(request);
        if (answer.verdict() instanceof Verdict.Accepted) {
            // As the window holds it, with its body's digest: a replay of the body after a restart is still refused.
            DuplicateWindow.Accepted accepted = window.remembered(answer.deliveryId()).orElseGet(() ->
                    new DuplicateWindow.Accepted(answer.deliveryId(), answer.record().receivedAt(), answer.record().started()));
            journal.append(accepted, clock.instant().minus(applied.duplicateWindow()));
        }
        store.saveSoon(deliveryLog);
        return answer;
    }

    /** Adds what the work of an accepted delivery did after the answer to its record, and saves the log soon. */
    void annotate(String deliveryId, String subscription, String outcome) {
        deliveryLog.annotate(deliveryId, subscription, outcome);
        store.saveSoon(deliveryLog);
    }

    List<DeliveryRecord> recent() {
        return deliveryLog.recent();
    }

    List<DeliveryRecord> concerning(String subscriptionId) {
        return deliveryLog.concerning(subscriptionId);
    }

    /** Writes what is pending and stops the writer thread; deliveries still answered after this are saved at once. */
    @Override
    public void close() {
        store.close(deliveryLog);
        journal.close();
    }
}
