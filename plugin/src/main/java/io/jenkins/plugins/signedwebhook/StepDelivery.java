package io.jenkins.plugins.signedwebhook;

import io.jenkins.plugins.signedwebhook.core.outbound.Callback;
import io.jenkins.plugins.signedwebhook.core.outbound.OutboundMessage;
import io.jenkins.plugins.signedwebhook.core.outbound.policy.UrlPolicy;
import io.jenkins.plugins.signedwebhook.core.outbound.signing.SigningSecret;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * One {@code notifyWebhook} call without Jenkins: builds the callback from plain build facts, sends it (or queues
 * it) and writes what happened to the build log. The secret text reaches the signer only; nothing here prints it.
 */
final class StepDelivery {
    private final CallbackSender sender;
    private final Clock clock;
    private final RandomGenerator random;

    StepDelivery(CallbackSender sender, Clock clock, RandomGenerator random) {
        this.sender = sender;
        this.clock = clock;
        this.random = random;
    }

    NotifyResult send(NotifyArguments args, BuildFacts facts, String secretText, String runId, UrlPolicy policy,
            CallbackLimits global, PrintStream log) throws IOException, InterruptedException {
        SigningSecret secret = signingSecret(args.credentialsId(), secretText);
        Callback callback = Callback.create(args.type(), facts.toData(args.status(), args.fields()), clock, random);
        String reference = new SecretReference(args.credentialsId(), runId).encode();
        OutboundMessage message = OutboundMessage.of(callback, args.url(), reference);
        if (!args.waitForDelivery()) {
            sender.enqueue(message);
            if (args.timeoutSeconds() != null || args.retries() != null) {
                log.println("notifyWebhook: timeout and retries apply to wait: true; queued callbacks use the global settings");
            }
            log.println("notifyWebhook: queued " + message.id() + " (" + args.type() + ") for " + message.targetForLogs()
                    + "; it is delivered in the background and survives a restart");
            return NotifyResult.queued(message.id());
        }
        NotifyResult result = NotifyResult.of(
                sender.deliver(message, args.limits(global), policy, ignored -> Optional.of(List.of(secret))));
        if (result.failed()) {
            log.println("notifyWebhook: " + message.id() + " to " + message.targetForLogs() + " failed: " + result.problem()
                    + (args.failOnError() ? "" : "; marking the build UNSTABLE (failOnError: true fails the step)"));
        } else {
            log.println("notifyWebhook: delivered " + message.id() + " (" + args.type() + ") to " + message.targetForLogs()
                    + " in " + result.attempts() + " attempt(s), HTTP " + result.httpStatus());
        }
        return result;
    }

    /** The credential's text as a signing key; a malformed {@code whsec_} secret is named by id, never shown. */
    static SigningSecret signingSecret(String credentialsId, String secretText) {
        try {
            return SigningSecret.of(secretText);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("notifyWebhook: credential '" + credentialsId + "' is not a usable signing secret: "
                    + e.getMessage());
        }
    }
}
