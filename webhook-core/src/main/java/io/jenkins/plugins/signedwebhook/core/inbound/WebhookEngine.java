package io.jenkins.plugins.signedwebhook.core.inbound;

import io.jenkins.plugins.signedwebhook.core.event.PushEvent;
import io.jenkins.plugins.signedwebhook.core.event.PushParser;
import io.jenkins.plugins.signedwebhook.core.event.RepositoryPeek;
import io.jenkins.plugins.signedwebhook.core.inbound.limit.ClientAddress;
import io.jenkins.plugins.signedwebhook.core.inbound.limit.ClientLimiter;
import io.jenkins.plugins.signedwebhook.core.match.RepositoryName;
import io.jenkins.plugins.signedwebhook.core.match.Subscription;
import io.jenkins.plugins.signedwebhook.core.match.SubscriptionIndex;
import io.jenkins.plugins.signedwebhook.core.match.SubscriptionRegistry;
import io.jenkins.plugins.signedwebhook.core.signature.SignatureHeader;
import io.jenkins.plugins.signedwebhook.core.signature.SignatureVerifier;
import io.jenkins.plugins.signedwebhook.core.signature.WebhookSecret;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The single entry point for an inbound delivery: checks the request, reads the body within its limit, verifies the
 * signature against the secrets of the subscriptions for the named repository, de-duplicates, parses, matches and
 * hands matched pushes to the adapter's {@link BuildScheduler}. Nothing but {@code repository.full_name} is read from
 * a body before its signature holds.
 */
public final class WebhookEngine {
    private static final Logger LOGGER = Logger.getLogger(WebhookEngine.class.getName());
    private static final String PING = "ping";
    private static final int MAX_HEADER_LENGTH = 200;
    private static final int MAX_REASONS_SHOWN = 5;
    private static final List<String> SINGLE_HEADERS = List.of(InboundRequest.SIGNATURE_256_HEADER,
            InboundRequest.SIGNATURE_SHA1_HEADER, InboundRequest.DELIVERY_HEADER, InboundRequest.EVENT_HEADER);

    private final Supplier<EngineSettings> settings;
    private final SubscriptionRegistry subscriptions;
    private final DuplicateWindow duplicates;
    private final ClientLimiter limiter;
    private final DeliveryListener listener;
    private final BuildScheduler scheduler;
    private final Clock clock;

    /** An engine that tells no one of its deliveries beyond the answers it returns. */
    public WebhookEngine(
            Supplier<EngineSettings> settings,
            SubscriptionRegistry subscriptions,
            DuplicateWindow duplicates,
            BuildScheduler scheduler,
            Clock clock) {
        this(settings, subscriptions, duplicates, DeliveryListener.NONE, scheduler, clock);
    }

    /** An engine that limits no client. */
    public WebhookEngine(
            Supplier<EngineSettings> settings,
            SubscriptionRegistry subscriptions,
            DuplicateWindow duplicates,
            DeliveryListener listener,
            BuildScheduler scheduler,
            Clock clock) {
        this(settings, subscriptions, duplicates, ClientLimiter.unlimited(clock), listener, scheduler, clock);
    }

    /**
     * @param settings read once per delivery, so configuration changes apply to the next delivery
     * @param limiter counts each client's failed verifications, and refuses a client past its limit before any HMAC
     * @param listener told of every delivery's record, a {@link DeliveryLog} for an adapter that shows them
     */
    public WebhookEngine(
            Supplier<EngineSettings> settings,
            SubscriptionRegistry subscriptions,
            DuplicateWindow duplicates,
            ClientLimiter limiter,
            DeliveryListener listener,
            BuildScheduler scheduler,
            Clock clock) {
        this.settings = Objects.requireNonNull(settings);
        this.subscriptions = Objects.requireNonNull(subscriptions);
        this.duplicates = Objects.requireNonNull(duplicates);
        this.limiter = Objects.requireNonNull(limiter);
        this.listener = Objects.requireNonNull(listener);
        this.scheduler = Objects.requireNonNull(scheduler);
        this.clock = Objects.requireNonNull(clock);
    }

    public Answer handle(InboundRequest request) {
        Trace trace = new Trace(clock.instant(), printable(request.deliveryId()), printable(request.event()));
        Verdict verdict = decideOrExplain(request, trace);
        if (verdict.failedVerification() && trace.client != null) {
            limiter.failed(trace.client);
        }
        DeliveryRecord record = trace.record(verdict);
        listener.recorded(record);
        LOGGER.log(verdict.status() >= 400 ? Level.FINE : Level.FINER, () -> "delivery " + record.deliveryId() + " event "
                + record.event() + " repository " + record.repository() + ": " + verdict.result()
                + (record.reason() == null ? "" : " (" + record.reason() + ")"));
        return new Answer(verdict, trace.deliveryId, record);
    }

    private Verdict decideOrExplain(InboundRequest request, Trace trace) {
        try {
            return decide(request, trace);
        } catch (IOException e) {
            return new Verdict.BadPayload("the request body could not be read");
        }
    }

    private Verdict decide(InboundRequest request, Trace trace) throws IOException {
        if (!"POST".equals(request.method())) {
            return new Verdict.MethodNotAllowed(printable(request.method()));
        }
        String encoding = unsupportedEncoding(request);
        if (encoding != null) {
            return new Verdict.UnsupportedContentEncoding(printable(encoding));
        }
        Optional<MediaType> media = MediaType.of(request.contentType());
        if (media.isEmpty()) {
            return new Verdict.UnsupportedMediaType(printable(request.contentType()));
        }
        String headerProblem = headerProblem(request);
        if (headerProblem != null) {
            return new Verdict.BadHeaders(headerProblem);
        }
        // Read first: an adapter applies a saved change (the rate limit's too) when the settings are read.
        EngineSettings limits = settings.get();
        Optional<Verdict> limited = limited(request, trace);
        if (limited.isPresent()) {
            return limited.get();
        }
        BoundedBody.Result body = BoundedBody.read(request.body(), request.declaredLength(), limits.maxBodyBytes());
        if (body instanceof BoundedBody.TooLarge) {
            return new Verdict.TooLarge(limits.maxBodyBytes());
        }
        byte[] raw = ((BoundedBody.Complete) body).bytes();
        SignatureHeader signature = SignatureHeader.parse(request.signature256(), request.signatureSha1(), limits.acceptSha1());
        if (signature instanceof SignatureHeader.Missing missing) {
            return new Verdict.BadSignatureHeader(missing.reason());
        }
        if (signature instanceof SignatureHeader.Malformed malformed) {
            return new Verdict.BadSignatureHeader(malformed.reason());
        }
        SignatureHeader.Present claimed = (SignatureHeader.Present) signature;
        byte[] json = media.get() == MediaType.FORM ? FormPayload.decode(raw).orElse(null) : raw;
        if (json == null) {
            return new Verdict.BadPayload("the form body has no well-encoded 'payload' field");
        }
        SubscriptionIndex index = subscriptions.current();
        RepositoryPeek.Result peek = RepositoryPeek.peek(json, 0, json.length);
        if (peek instanceof RepositoryPeek.Unreadable unreadable) {
            return new Verdict.BadPayload(unreadable.reason());
        }
        if (peek instanceof RepositoryPeek.Absent) {
            return trace.event.equals(PING) ? unnamedPing(index, claimed, raw, trace) : new Verdict.NoSubscription(null);
        }
        String fullName = ((RepositoryPeek.Found) peek).fullName();
        trace.repository = printable(fullName);
        Optional<RepositoryName> repository = RepositoryName.parse(fullName);
        List<Subscription> candidates = repository.map(index::forRepository).orElse(List.of());
        if (candidates.isEmpty()) {
            return new Verdict.NoSubscription(trace.repository);
        }
        Optional<WebhookSecret> verifiedBy = verify(candidates, claimed, raw, trace);
        if (verifiedBy.isEmpty()) {
            return new Verdict.BadSignature();
        }
        List<Subscription> trusting = new ArrayList<>();
        for (Subscription s : candidates) {
            if (s.trusts(verifiedBy.get())) {
                trusting.add(s);
            } else {
                trace.note(s.id(), "not considered: it trusts another secret than the one that signed this delivery");
            }
        }
        if (trace.event.equals(PING)) {
            return new Verdict.Pong();
        }
        if (!trace.event.equals(Subscription.PUSH)) {
            trace.reason = "event '" + trace.event + "' is not handled; only push and ping are";
            return new Verdict.Ignored(trace.reason);
        }
        return push(json, BodyDigest.of(raw), trusting, trace, repository.get());
    }

    /** A 429 for a client whose failed verifications are past its limit, decided before its body is read. */
    private Optional<Verdict> limited(InboundRequest request, Trace trace) {
        trace.client = limiter.clientOf(request.remoteAddress(), request.values(InboundRequest.FORWARDED_FOR_HEADER))
                .orElse(null);
        long wait = trace.client == null ? 0 : limiter.retryAfterSeconds(trace.client);
        if (wait == 0) {
            return Optional.empty();
        }
        trace.reason = "too many failed verifications from " + trace.client + " lately; refused unread for " + wait + " s";
        return Optional.of(new Verdict.RateLimited(wait));
    }

    private Verdict unnamedPing(SubscriptionIndex index, SignatureHeader.Present claimed, byte[] raw, Trace trace) {
        List<WebhookSecret> all = index.distinctSecrets();
        int limit = settings.get().maxSecretsPerUnnamedPing();
        List<WebhookSecret> tried = all.size() > limit ? all.subList(0, limit) : all;
        if (SignatureVerifier.verify(claimed, raw, tried).isPresent()) {
            return new Verdict.Pong();
        }
        trace.reason = "a ping without a repository (organisation webhook) matched none of the " + tried.size()
                + " secrets checked" + (all.size() > tried.size() ? " (of " + all.size() + " configured)" : "");
        return new Verdict.BadSignature();
    }

    private Optional<WebhookSecret> verify(List<Subscription> candidates, SignatureHeader.Present claimed, byte[] raw, Trace trace) {
        LinkedHashSet<WebhookSecret> distinct = new LinkedHashSet<>();
        for (Subscription s : candidates) {
            distinct.addAll(s.secrets());
            if (s.secrets().isEmpty()) {
                trace.note(s.id(), "not considered: no secret is configured, and nothing builds without one");
            }
        }
        if (distinct.isEmpty()) {
            trace.reason = "no subscription for " + trace.repository + " has a secret to check the signature with";
            return Optional.empty();
        }
        Optional<WebhookSecret> verified = SignatureVerifier.verify(claimed, raw, distinct);
        if (verified.isEmpty()) {
            trace.reason = "the signature matches none of the " + distinct.size() + " secrets configured for "
                    + trace.repository + " (" + String.join(", ", distinct.stream().map(WebhookSecret::label).toList()) + ")";
        }
        return verified;
    }

    private Verdict push(byte[] json, BodyDigest body, List<Subscription> trusting, Trace trace, RepositoryName peeked) {
        DuplicateWindow.Claim claim = duplicates.claim(trace.deliveryId, body);
        if (claim instanceof DuplicateWindow.Seen seen) {
            trace.reason = trace.deliveryId.equals(seen.deliveryId()) ? "already accepted at " + seen.acceptedAt()
                    : "the same body was accepted at " + seen.acceptedAt() + " as delivery " + seen.deliveryId()
                            + ": a copy sent again under a new delivery id";
            return new Verdict.Duplicate(seen.acceptedAt(), seen.started(), false, seen.deliveryId());
        }
        if (claim instanceof DuplicateWindow.InProgress) {
            trace.reason = "a copy of this delivery is being handled";
            return new Verdict.Duplicate(null, List.of(), true);
        }
        boolean accepted = false;
        try {
            boolean pathsNeeded = trusting.stream().anyMatch(s -> !s.paths().isEmpty());
            PushParser.Result parsed = PushParser.parse(json, 0, json.length, pathsNeeded);
            if (parsed instanceof PushParser.Invalid invalid) {
                trace.reason = invalid.reason();
                return new Verdict.BadPayload(invalid.reason());
            }
            PushEvent push = ((PushParser.Parsed) parsed).push();
            // The secret was chosen by the first repository.full_name; a body naming another one later is refused.
            if (!RepositoryName.parse(push.repository().fullName()).map(RepositoryName::key).equals(Optional.of(peeked.key()))) {
                trace.reason = "the payload names more than one repository (repository.full_name given twice)";
                return new Verdict.BadPayload(trace.reason);
            }
            trace.ref = push.ref();
            List<String> refusals = new ArrayList<>();
            List<String> scheduled = new ArrayList<>();
            List<String> failed = new ArrayList<>();
            BuildScheduler.PushDelivery delivery = new BuildScheduler.PushDelivery(trace.deliveryId, trace.event, push, body);
            for (Subscription s : trusting) {
                Optional<String> refusal = s.refuse(trace.event, push);
                if (refusal.isEmpty()) {
                    refusal = schedule(s, delivery, scheduled, failed, note -> trace.note(s.id(), note));
                }
                if (refusal.isPresent()) {
                    trace.note(s.id(), refusal.get());
                    refusals.add(s.id() + ": " + refusal.get());
                }
            }
            if (scheduled.isEmpty()) {
                trace.reason = summary(refusals);
                // A failure may pass, unlike a refusal: the sender is asked to redeliver rather than told all is well.
                return failed.isEmpty() ? new Verdict.Ignored(trace.reason) : new Verdict.Unavailable("could not schedule "
                        + String.join(", ", failed) + ": the server could not take the work now; redeliver it later");
            }
            duplicates.accept(trace.deliveryId, body, scheduled);
            accepted = true;
            trace.started.addAll(scheduled);
            trace.reason = refusals.isEmpty() ? null : summary(refusals);
            return new Verdict.Accepted(scheduled);
        } finally {
            if (!accepted) {
                duplicates.release(trace.deliveryId, body);
            }
        }
    }

    /**
     * Hands one matched subscription to the adapter; empty when it was scheduled (its name added to {@code scheduled},
     * the adapter's note to {@code notes}), else why not ({@code s.id()} added to {@code failed} when the adapter threw).
     */
    private Optional<String> schedule(Subscription s, BuildScheduler.PushDelivery delivery, List<String> scheduled,
            List<String> failed, Consumer<String> notes) {
        BuildScheduler.Outcome outcome;
        try {
            outcome = scheduler.schedule(s, delivery);
        } catch (RuntimeException e) {
            LOGGER.log(Level.WARNING, "could not schedule " + s.id() + " for delivery " + delivery.deliveryId(), e);
            failed.add(s.id());
            return Optional.of("matched, but scheduling failed: " + e.getClass().getSimpleName());
        }
        if (outcome instanceof BuildScheduler.Scheduled ok) {
            scheduled.add(ok.name());
            if (ok.note() != null) {
                notes.accept(ok.note());
            }
            return Optional.empty();
        }
        return Optional.of("matched, but not scheduled: " + ((BuildScheduler.NotScheduled) outcome).reason());
    }

    private static String summary(List<String> refusals) {
        if (refusals.isEmpty()) {
            return "nothing matched";
        }
        List<String> shown = refusals.size() > MAX_REASONS_SHOWN ? refusals.subList(0, MAX_REASONS_SHOWN) : refusals;
        String more = refusals.size() > shown.size() ? "; and " + (refusals.size() - shown.size()) + " more" : "";
        return String.join("; ", shown) + more;
    }

    /**
     * The first coding other than identity, or null when there is none: the signature is over the bytes as sent, and
     * GitHub never compresses, so a body labelled as encoded is refused rather than guessed at.
     */
    private static String unsupportedEncoding(InboundRequest request) {
        for (String value : request.values(InboundRequest.CONTENT_ENCODING_HEADER)) {
            for (String coding : value.split(",", -1)) {
                if (!coding.strip().equalsIgnoreCase("identity")) {
                    return value;
                }
            }
        }
        return null;
    }

    private static String headerProblem(InboundRequest request) {
        for (String name : SINGLE_HEADERS) {
            int count = request.values(name).size();
            if (count > 1) {
                // Which copy an intermediary or a framework would read is not ours to guess: two signatures are refused.
                return "the " + name + " header is given " + count + " times; a delivery carries it once";
            }
        }
        if (request.event() == null || request.event().isBlank()) {
            return "the " + InboundRequest.EVENT_HEADER + " header is missing";
        }
        if (request.deliveryId() == null || request.deliveryId().isBlank()) {
            return "the " + InboundRequest.DELIVERY_HEADER + " header is missing";
        }
        if (!printable(request.event()).equals(request.event()) || !printable(request.deliveryId()).equals(request.deliveryId())) {
            return "the " + InboundRequest.EVENT_HEADER + " and " + InboundRequest.DELIVERY_HEADER
                    + " headers must be at most " + MAX_HEADER_LENGTH + " printable characters";
        }
        return null;
    }

    /** A header value safe to log and echo: at most 200 characters, control characters replaced. */
    static String printable(String value) {
        if (value == null) {
            return null;
        }
        String cut = value.length() > MAX_HEADER_LENGTH ? value.substring(0, MAX_HEADER_LENGTH) : value;
        char[] chars = cut.toCharArray();
        for (int i = 0; i < chars.length; i++) {
            if (Character.isISOControl(chars[i])) {
                chars[i] = '?';
            }
        }
        return new String(chars);
    }

    /** What is learnt about a delivery while it is handled, for its {@link DeliveryRecord}. */
    private static final class Trace {
        final Instant receivedAt;
        final String deliveryId;
        final String event;
        String repository;
        String ref;
        String reason;
        /** Who the rate limit counts this delivery against; null when its peer is unknown. */
        ClientAddress client;
        final List<String> started = new ArrayList<>();
        final List<DeliveryRecord.Note> notes = new ArrayList<>();

        Trace(Instant receivedAt, String deliveryId, String event) {
            this.receivedAt = receivedAt;
            this.deliveryId = deliveryId;
            this.event = event == null ? "" : event;
        }

        void note(String subscription, String outcome) {
            notes.add(new DeliveryRecord.Note(subscription, outcome));
        }

        DeliveryRecord record(Verdict verdict) {
            String why = reason != null ? reason : verdict.status() >= 400 ? verdict.message() : null;
            return new DeliveryRecord(receivedAt, deliveryId, event, repository, ref, verdict.result(), verdict.status(),
                    started, why, notes);
        }
    }
}
