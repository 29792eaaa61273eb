package io.jenkins.plugins.signedwebhook;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import hudson.Extension;
import hudson.ExtensionList;
import hudson.ProxyConfiguration;
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
 * {@link OutboxDrainWork}, and HTTP clients that follow Jenkins' proxy configuration.
 */
@Extension
public class CallbackService {
    private final Clock clock = Clock.systemUTC();
    private volatile CallbackSender sender;

    public static CallbackService get() {
        return ExtensionList.lookupSingleton(CallbackService.class);
    }

    synchronized CallbackSender sender() {
        if (sender == null) {
            SignedWebhookConfiguration config = SignedWebhookConfiguration.get();
            try {
                sender = new CallbackSender(new File(Jenkins.get().getRootDir(), "signed-webhook/outbox").toPath(),
                        ProxyConfiguration::newHttpClientBuilder, CallbackService::resolve, clock,
                        CallbackLimits.of(config), CallbackHosts.policy(config.getCallbackAllowedHosts()));
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot open the callback outbox under JENKINS_HOME", e);
            }
        }
        return sender;
    }

    StepDelivery delivery() {
        return new StepDelivery(sender(), clock, new SecureRandom());
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
            StringCredentials credential =
                    CredentialsProvider.findCredentialById(parsed.get().credentialsId(), StringCredentials.class, run);
            return credential == null
                    ? Optional.empty()
                    : Optional.of(List.of(SigningSecret.of(credential.getSecret().getPlainText())));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
