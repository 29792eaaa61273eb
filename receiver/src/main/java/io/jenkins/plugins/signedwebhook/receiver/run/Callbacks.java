package io.jenkins.plugins.signedwebhook.receiver.run;

import io.jenkins.plugins.signedwebhook.core.outbound.Callback;
import io.jenkins.plugins.signedwebhook.core.outbound.CallbackData;
import io.jenkins.plugins.signedwebhook.core.outbound.OutboundMessage;
import io.jenkins.plugins.signedwebhook.core.outbound.outbox.OutboxDrain;
import io.jenkins.plugins.signedwebhook.core.outbound.outbox.Settlement;
import io.jenkins.plugins.signedwebhook.receiver.metrics.Metrics;
import io.jenkins.plugins.signedwebhook.receiver.config.HookConfig;
import io.jenkins.plugins.signedwebhook.receiver.store.RunState;
import io.jenkins.plugins.signedwebhook.receiver.store.RunStore;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.logging.Logger;
import java.util.random.RandomGenerator;

/**
 * Turns a finished run into one {@code deploy.finished} callback per target of its hook, handed to the core's outbox
 * drain (stored before the first attempt). Messages name their secret as {@code hook#index}, resolved at send time
 * by {@link CallbackSecrets}.
 */
public final class Callbacks {
    private static final Logger LOGGER = Logger.getLogger(Callbacks.class.getName());
    private final Clock clock;
    private final RandomGenerator random;
    private final Metrics metrics;
    private final OutboxDrain drain;

    /** @param drain built on a dispatcher that resolves secrets with {@link CallbackSecrets} */
    public Callbacks(OutboxDrain drain, Clock clock, RandomGenerator random, Metrics metrics) {
        this.drain = drain;
        this.clock = clock;
        this.random = random;
        this.metrics = metrics;
    }

    /**
     * Stores one callback per target of {@code hook} in the outbox. Called inside the transaction that stores the
     * run's final state, so a callback that cannot be stored fails, and rolls back, that transaction; the ids of the
     * callbacks submitted are added to {@code submitted}, for {@link #withdraw} if that transaction rolls back.
     */
    public void finished(HookConfig hook, RunStore.Run run, RunState state, Duration took, List<String> submitted)
            throws IOException {
        for (int i = 0; i < hook.callbacks().size(); i++) {
            HookConfig.CallbackTarget callback = hook.callbacks().get(i);
            CallbackData data = CallbackData.of(hook.id(), state.name())
                    .withBuild(run.id())
                    .withDurationMs(took.toMillis())
                    .withRepository(run.work().repository())
                    .withRef(run.work().ref())
                    .withCommit(run.work().commit())
                    .withDelivery(run.work().delivery())
                    .withFields(callback.fields());
            Callback message = Callback.deployFinished(data, clock, random);
            String secretRef = callback.secrets().isEmpty() ? null : CallbackSecrets.reference(hook.id(), i);
            // The drain reads the outbox under the database's lock, held by the caller's transaction: it finds this
            // message once committed, never if rolled back (and then the caller withdraws it).
            OutboundMessage outbound = OutboundMessage.of(message, callback.url(), secretRef);
            drain.submit(outbound).thenAccept(settled -> settled(hook, settled));
            submitted.add(outbound.id());
        }
    }

    /** Forgets callbacks {@link #finished} submitted in a transaction that then rolled back: they were never stored. */
    public void withdraw(List<String> submitted) {
        submitted.forEach(drain::withdraw);
    }

    private void settled(HookConfig hook, Settlement settlement) {
        metrics.callback(hook.id(), settlement.delivered());
        LOGGER.info(() -> "callback " + settlement.id() + " of " + hook.id() + (settlement instanceof Settlement.DeadLettered dead
                ? " dead-lettered after " + settlement.attempts() + " attempt(s): " + dead.letter().reason()
                : " delivered after " + settlement.attempts() + " attempt(s)"));
    }
}
