package io.jenkins.plugins.signedwebhook;

import hudson.Extension;
import hudson.model.PeriodicWork;

/**
 * Opens the callback sender soon after a start, so queued {@code notifyWebhook} callbacks are delivered with the ids
 * they were queued with even if no step runs, and then nudges its drain. Once Jenkins is stopping it does nothing.
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
        CallbackService.get().drainOnce();
    }
}
