package io.jenkins.plugins.signedwebhook;

import hudson.Extension;
import hudson.model.AsyncPeriodicWork;
import hudson.model.TaskListener;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Looks the subscribed jobs' credentials up again every minute, for credential providers that announce no change
 * (an external vault, say); saves to Jenkins' own and folders' stores apply sooner, through {@link CredentialChanges}.
 * A minute in which no secret changed rebuilds nothing.
 */
@Extension
public class SecretRefresh extends AsyncPeriodicWork {
    private static final Logger LOGGER = Logger.getLogger(SecretRefresh.class.getName());

    public SecretRefresh() {
        super("Signed webhook secret refresh");
    }

    @Override
    public long getRecurrencePeriod() {
        return MIN;
    }

    @Override
    protected void execute(TaskListener listener) {
        if (!WebhookService.jenkinsIsRunning()) {
            return;
        }
        try {
            WebhookService service = WebhookService.get();
            if (!service.running()) {
                return;
            }
            service.registerStartedJobs();
            service.refreshSecrets(List.of(SubscriptionBook.EVERY_JOB));
        } catch (RuntimeException e) {
            if (WebhookService.jenkinsIsRunning()) {
                throw e;
            }
            LOGGER.log(Level.FINE, "Jenkins stopped during the signed webhook secret refresh", e);
        }
    }
}
