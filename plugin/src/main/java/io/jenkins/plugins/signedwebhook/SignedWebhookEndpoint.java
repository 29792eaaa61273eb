package io.jenkins.plugins.signedwebhook;

import hudson.Extension;
import hudson.model.UnprotectedRootAction;
import java.io.IOException;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.StaplerResponse2;

/**
 * {@code /signed-webhook/}: where GitHub posts. Reachable without Overall/Read, because the caller is anonymous; its
 * authority is the signature, which the engine checks before anything else happens. No crumb is needed
 * ({@link SignedWebhookCrumbExclusion}).
 */
@Extension
public class SignedWebhookEndpoint implements UnprotectedRootAction {
    public static final String URL_NAME = "signed-webhook";

    @Override
    public String getIconFileName() {
        return null;
    }

    @Override
    public String getDisplayName() {
        return null;
    }

    @Override
    public String getUrlName() {
        return URL_NAME;
    }

    /** Every HTTP method lands here, so that a GET is answered 405 in JSON rather than a 404 page. */
    public void doIndex(StaplerRequest2 req, StaplerResponse2 rsp) throws IOException {
        HttpExchange.write(WebhookService.get().handle(HttpExchange.toInbound(req)), rsp);
    }
}
