package io.jenkins.plugins.signedwebhook;

import hudson.Extension;
import hudson.model.PeriodicWork;

/**
 * Polls the callback outbox every few seconds, also right after a restart, so queued {@code notifyWebhook}
 * callbacks are delivered with the ids they were queued with. Only starts attempts; they run on the sender's workers.
 */
@Extension
public class OutboxDrainWork extends PeriodicWork {
    private static final long POLL_MILLIS = 5_000;

    @Override
    public long getRecurrencePeriod() {
        return POLL_MILLIS;
    }

    @Override
    protected void doRun() throws Exception {
        CallbackService.get().sender().drainOnce();
    }
}
