package io.jenkins.plugins.signedwebhook;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import hudson.Extension;
import hudson.ExtensionList;
import hudson.ProxyConfiguration;
import hudson.init.Terminator;
import hudson.model.Run;
import hudson.security.ACL;
import hudson.security.ACLContext;
import io.jenkins.plugins.signedwebhook.core.outbound.signing.SigningSecret;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;

/**
 * Owns the callback sender of this Jenkins: the outbox in {@code $JENKINS_HOME/signed-webhook/outbox}, drained by
 * the sender's own threads (and nudged by {@link OutboxDrainWork}), with HTTP clients that follow Jenkins' proxy
 * configuration. Opened on first use, closed for good when Jenkins stops.
 */
@Extension
public class CallbackService {
    private final Clock clock = Clock.systemUTC();
    private final Opener opener;
    private CallbackSender sender;
    private boolean stopped;

    /** Opens the sender that Jenkins uses. */
    interface Opener {
        CallbackSender open() throws IOException;
    }

    public CallbackService() {
        this(CallbackService::openUnderJenkinsHome);
    }

    CallbackService(Opener opener) {
        this.opener = opener;
    }

    public static CallbackService get() {
        return ExtensionList.lookupSingleton(CallbackService.class);
    }

    private static CallbackSender openUnderJenkinsHome() throws IOException {
        SignedWebhookConfiguration config = SignedWebhookConfiguration.get();
        return new CallbackSender(new File(Jenkins.get().getRootDir(), "signed-webhook/outbox").toPath(),
                ProxyConfiguration::newHttpClientBuilder, CallbackService::resolve, Clock.systemUTC(),
                CallbackLimits.of(config), CallbackHosts.policy(config.getCallbackAllowedHosts()));
    }

    synchronized CallbackSender sender() {
        if (stopped) {
            throw new IllegalStateException("Jenkins is stopping; callbacks wait in the outbox for the next start");
        }
        if (sender == null) {
            try {
                sender = opener.open();
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot open the callback outbox under JENKINS_HOME", e);
            }
        }
        return sender;
    }

    StepDelivery delivery() {
        return new StepDelivery(sender(), clock, new SecureRandom());
    }

    /** Starts the due attempts now; once Jenkins is stopping it does nothing, and never opens a new sender. */
    void drainOnce() throws IOException {
        CallbackSender current;
        synchronized (this) {
            if (stopped) {
                return;
            }
            current = sender();
        }
        current.drainOnce();
    }

    /** Applies saved global settings to callbacks still queued. */
    synchronized void reconfigure(SignedWebhookConfiguration config) {
        if (sender != null) {
            sender.reconfigure(CallbackLimits.of(config), CallbackHosts.policy(config.getCallbackAllowedHosts()));
        }
    }

    List<CallbackRow> rows() throws IOException {
        return sender().rows();
    }

    /** Stops the callback threads for good; what they had not delivered stays in the outbox for the next start. */
    synchronized void stop() {
        stopped = true;
        if (sender != null) {
            sender.close();
            sender = null;
        }
    }

    /** Jenkins is stopping (or the plugin's classes are being dropped): no callback thread may outlive it. */
    @Terminator
    public static void stopCallbacks() {
        get().stop();
    }

    /** Resolves a queued callback's secret at send time, for the build that sent it, so usage is tracked there. */
    private static Optional<List<SigningSecret>> resolve(String reference) {
        Optional<SecretReference> parsed = SecretReference.decode(reference);
        if (parsed.isEmpty()) {
            return Optional.empty();
        }
        // The drain's threads carry no user; the build's own credentials are looked up as the system.
        try (ACLContext ignored = ACL.as2(ACL.SYSTEM2)) {
            Run<?, ?> run = Run.fromExternalizableId(parsed.get().runId());
            if (run == null) {
                return Optional.empty();
            }
            StringCredentials credential = CredentialsProvider.track(run,
                    CredentialsProvider.findCredentialById(parsed.get().credentialsId(), StringCredentials.class, run));
            return credential == null
                    ? Optional.empty()
                    : Optional.of(List.of(SigningSecret.of(credential.getSecret().getPlainText())));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
