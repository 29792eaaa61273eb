package io.jenkins.plugins.signedwebhook;

import io.jenkins.plugins.signedwebhook.core.outbound.Callback;
import io.jenkins.plugins.signedwebhook.core.outbound.OutboundMessage;
import io.jenkins.plugins.signedwebhook.core.outbound.signing.SigningSecret;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.random.RandomGenerator;

/**
 * One {@code notifyWebhook} call without Jenkins: builds the callback from plain build facts, hands it to the outbox
 * and writes what happened to the build log. The message holds the credentials id and run, never the secret; the
 * drain resolves the secret for each attempt. Nothing here prints the secret or the URL's query.
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

    /**
     * The callback of this call, checked against the credential's text now so that an unusable secret fails the step
     * at once. {@code wait: true} messages carry the step's timeout and retries; queued ones use the global settings.
     */
    OutboundMessage message(NotifyArguments args, BuildFacts facts, String secretText, String runId) {
        signingSecret(args.credentialsId(), secretText);
        Callback callback = Callback.create(args.type(), facts.toData(args.status(), args.fields()), clock, random);
        String reference = new SecretReference(args.credentialsId(), runId).encode();
        OutboundMessage message = OutboundMessage.of(callback, args.url(), reference);
        return args.waitForDelivery() ? message.withLimits(args.deliveryLimits()) : message;
    }

    /** {@code wait: false}: stores the message in the outbox and returns at once. */
    NotifyResult queue(NotifyArguments args, OutboundMessage message, PrintStream log) throws IOException {
        sender.enqueue(message);
        if (args.timeoutSeconds() != null || args.retries() != null) {
            log.println(Messages.StepDelivery_LimitsIgnored());
        }
        log.println(Messages.StepDelivery_Queued(message.id(), args.type(), message.targetForLogs()));
        return NotifyResult.queued(message.id());
    }

    /** {@code wait: true}: stores the message in the outbox, durable before its first attempt; {@link #outcome} follows. */
    void submit(NotifyArguments args, OutboundMessage message, PrintStream log) throws IOException {
        sender.submitAwaited(message);
        log.println(Messages.StepDelivery_Sending(message.id(), args.type(), message.targetForLogs()));
    }

    /** What the outbox made of awaited message {@code id}, also when it settled before a restart. */
    CompletableFuture<NotifyResult> outcome(String id) throws IOException {
        return sender.await(id).thenApply(NotifyResult::of);
    }

    /** The step stopped waiting: the message stays queued, and nothing keeps its outcome for the step. */
    void forget(String id) throws IOException {
        sender.forget(id);
    }

    /** The build log's last line about a waited-for callback. */
    static void report(NotifyResult result, String type, String targetForLogs, boolean failOnError, PrintStream log) {
        if (result.failed()) {
            log.println(failOnError
                    ? Messages.StepDelivery_Failed(result.id(), targetForLogs, result.problem())
                    : Messages.StepDelivery_FailedUnstable(result.id(), targetForLogs, result.problem()));
        } else {
            log.println(Messages.StepDelivery_Delivered(result.id(), type, targetForLogs, String.valueOf(result.attempts()),
                    String.valueOf(result.httpStatus())));
        }
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
