package io.jenkins.plugins.signedwebhook.core.inbound;

import io.jenkins.plugins.signedwebhook.core.event.PushEvent;
import io.jenkins.plugins.signedwebhook.core.event.PushHead;
import io.jenkins.plugins.signedwebhook.core.event.PushPayload;
import io.jenkins.plugins.signedwebhook.core.event.RepositoryPeek;
import io.jenkins.plugins.signedwebhook.core.inbound.limit.ClientAddress;
import io.jenkins.plugins.signedwebhook.core.inbound.limit.ClientLimiter;
import io.jenkins.plugins.signedwebhook.core.match.RepositoryName;
import io.jenkins.plugins.signedwebhook.core.match.Subscription;
import io.jenkins.plugins.signedwebhook.core.match.SubscriptionIndex;
import io.jenkins.plugins.signedwebhook.core.match.SubscriptionRegistry;
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
 * hands matched pushes to the adapter's {@link BuildScheduler}. Nothing but the repository's name is read from a body
 * before its signature holds. Which forge sent a delivery is told by its headers ({@link ForgeDialect}); only the
 * subscriptions of that forge are considered.
 */
public final class WebhookEngine {
    private static final Logger LOGGER = Logger.getLogger(WebhookEngine.class.getName());
    private static final int MAX_HEADER_LENGTH = 200;
    private static final int MAX_REASONS_SHOWN = 5;

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
        ForgeDialect dialect = ForgeDialect.of(request);
        Trace trace = new Trace(clock.instant(), printable(dialect.deliveryId(request)), printable(dialect.event(request)));
        Verdict verdict = decideOrExplain(request, dialect, trace);
        if (verdict.failedVerification() && trace.bucket != null) {
            limiter.failed(trace.client, trace.bucket);
        }
        DeliveryRecord record = trace.record(verdict);
        listener.recorded(record);
        LOGGER.log(verdict.status() >= 400 ? Level.FINE : Level.FINER, () -> "delivery " + record.deliveryId() + " event "
                + record.event() + " repository " + record.repository() + ": " + verdict.result()
                + (record.reason() == null ? "" : " (" + record.reason() + ")"));
        return new Answer(verdict, trace.deliveryId, record);
    }

    private Verdict decideOrExplain(InboundRequest request, ForgeDialect dialect, Trace trace) {
        try {
            return decide(request, dialect, trace);
        } catch (IOException e) {
            return new Verdict.BadPayload("the request body could not be read");
        }
    }

    private Verdict decide(InboundRequest request, ForgeDialect dialect, Trace trace) throws IOException {
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
        String headerProblem = headerProblem(request, dialect);
        if (headerProblem != null) {
            return new Verdict.BadHeaders(headerProblem);
        }
        // Read first: an adapter applies a saved change (the rate limit's too) when the settings are read.
        EngineSettings limits = settings.get();
        trace.client = limiter.clientOf(request.remoteAddress(), request.peerReplaced(),
                request.values(InboundRequest.FORWARDED_FOR_HEADER)).orElse(null);
        BoundedBody.Result body = BoundedBody.read(request.body(), request.declaredLength(), limits.maxBodyBytes());
        if (body instanceof BoundedBody.TooLarge) {
            return new Verdict.TooLarge(limits.maxBodyBytes());
        }
        byte[] raw = ((BoundedBody.Complete) body).bytes();
        Claim claim = dialect.claim(request, limits, clock);
        if (claim instanceof Claim.Refused refused) {
            return refused.verdict();
        }
        Claim.Proof claimed = (Claim.Proof) claim;
        byte[] json = media.get() == MediaType.FORM ? FormPayload.decode(raw).orElse(null) : raw;
        if (json == null) {
            return new Verdict.BadPayload("the form body has no well-encoded 'payload' field");
        }
        SubscriptionIndex index = subscriptions.current();
        RepositoryPeek.Result peek = dialect.peek(json);
        if (peek instanceof RepositoryPeek.Unreadable unreadable) {
            return new Verdict.BadPayload(unreadable.reason());
        }
        ForgeDialect.Kind kind = dialect.kind(trace.event);
        if (peek instanceof RepositoryPeek.Absent) {
            return kind == ForgeDialect.Kind.PING ? unnamedPing(index, dialect, claimed, raw, trace) : new Verdict.NoSubscription(null);
        }
        String fullName = ((RepositoryPeek.Found) peek).fullName();
        trace.repository = printable(fullName);
        Optional<RepositoryName> repository = Subscription.repositoryOf(dialect.forge(), fullName);
        List<Subscription> candidates = ofForge(repository.map(index::forRepository).orElse(List.of()), dialect, trace);
        if (candidates.isEmpty()) {
            return new Verdict.NoSubscription(trace.repository);
        }
        boolean tokenOnly = claimed instanceof Claim.Token;
        if (tokenOnly) {
            candidates = allowingToken(candidates, trace);
            if (candidates.isEmpty()) {
                return new Verdict.BadSignatureHeader("no " + GitLabDialect.SIGNATURE_HEADER + " header, only "
                        + GitLabDialect.TOKEN_HEADER + "; set a signing token on the webhook in GitLab");
            }
        }
        LinkedHashSet<WebhookSecret> secrets = secretsOf(candidates, trace);
        if (secrets.isEmpty()) {
            // Not the sender's failure: a job's credential is missing, so it is not counted against the sender.
            trace.reason = "no subscription for " + trace.repository + " has a secret to check the signature with";
            return new Verdict.BadSignature();
        }
        Optional<Verdict> limited = limited(trace, repository.get().key());
        if (limited.isPresent()) {
            return limited.get();
        }
        Optional<Claim.Verified> verified = claimed.verify(raw, secrets);
        if (verified.isEmpty()) {
            trace.reason = "the signature matches none of the " + secrets.size() + " secrets configured for "
                    + trace.repository + " (" + String.join(", ", secrets.stream().map(WebhookSecret::label).toList()) + ")";
            return new Verdict.BadSignature();
        }
        WebhookSecret verifiedBy = verified.get().secret();
        List<Subscription> trusting = new ArrayList<>();
        for (Subscription s : candidates) {
            if (s.trusts(verifiedBy)) {
                trusting.add(s);
            } else {
                trace.note(s.id(), "not considered: it trusts another secret than the one that signed this delivery");
            }
        }
        if (tokenOnly) {
            trusting.forEach(s -> trace.note(s.id(), "warning: verified by " + GitLabDialect.TOKEN_HEADER
                    + " alone, which proves the sender knows the secret but not that the body is GitLab's; set a signing token"));
        }
        if (kind == ForgeDialect.Kind.PING) {
            return new Verdict.Pong();
        }
        if (kind == ForgeDialect.Kind.OTHER) {
            trace.reason = "event '" + trace.event + "' is not handled; only pushes and pings are";
            return new Verdict.Ignored(trace.reason);
        }
        Optional<Verdict> ignored = refusedByRef(json, dialect, trusting, trace);
        if (ignored.isPresent()) {
            return ignored.get();
        }
        return push(json, dialect, verified.get().replayDigest(raw), trusting, trace, repository.get());
    }

    /**
     * Ignored on the pushed ref alone, before the full parse and the replay digest, when every trusting subscription
     * refuses it there: the same answer and notes as {@link #push} gives it, at a fraction of the cost.
     */
    private Optional<Verdict> refusedByRef(byte[] json, ForgeDialect dialect, List<Subscription> trusting, Trace trace) {
        Optional<PushHead> head = trusting.isEmpty() ? Optional.empty() : dialect.head(json);
        if (head.isEmpty() || duplicates.remembered(trace.deliveryId).isPresent()) {
            // A redelivery of an accepted id stays a duplicate after a change of filters: the full path answers it.
            return Optional.empty();
        }
        List<String> refusals = new ArrayList<>(trusting.size());
        for (Subscription s : trusting) {
            Optional<String> refusal = s.refuseByRef(ForgeDialect.PUSH_EVENT, head.get().ref(), head.get().deleted());
            if (refusal.isEmpty()) {
                return Optional.empty();
            }
            refusals.add(refusal.get());
        }
        trace.ref = head.get().ref();
        List<String> named = new ArrayList<>(trusting.size());
        for (int i = 0; i < trusting.size(); i++) {
            trace.note(trusting.get(i).id(), refusals.get(i));
            named.add(trusting.get(i).id() + ": " + refusals.get(i));
        }
        trace.reason = summary(named);
        return Optional.of(new Verdict.Ignored(trace.reason));
    }

    /**
     * A 429 for a client past its failed verifications for {@code repository}, decided before any HMAC; else the bucket
     * a failure of the verification about to run is counted in.
     */
    private Optional<Verdict> limited(Trace trace, String repository) {
        long wait = trace.client == null ? 0 : limiter.retryAfterSeconds(trace.client, repository);
        if (wait == 0) {
            trace.bucket = trace.client == null ? null : repository;
            return Optional.empty();
        }
        trace.reason = "too many failed verifications from " + trace.client + " for "
                + (repository.isEmpty() ? "deliveries naming no repository" : trace.repository)
                + " lately; refused unverified for " + wait + " s";
        return Optional.of(new Verdict.RateLimited(wait));
    }

    /** The subscriptions of the forge that sent the delivery; the others are noted, never verified against. */
    private static List<Subscription> ofForge(List<Subscription> all, ForgeDialect dialect, Trace trace) {
        List<Subscription> same = new ArrayList<>();
        for (Subscription s : all) {
            if (s.forge() == dialect.forge()) {
                same.add(s);
            } else {
                trace.note(s.id(), "not considered: it listens to " + s.forge().displayName() + ", and this delivery came from "
                        + dialect.forge().displayName());
            }
        }
        return same;
    }

    private static List<Subscription> allowingToken(List<Subscription> candidates, Trace trace) {
        List<Subscription> allowing = new ArrayList<>();
        for (Subscription s : candidates) {
            if (s.tokenOnly()) {
                allowing.add(s);
            } else {
                trace.note(s.id(), "not considered: the delivery has only " + GitLabDialect.TOKEN_HEADER
                        + ", and this subscription does not allow token only (no signature)");
            }
        }
        return allowing;
    }

    private Verdict unnamedPing(SubscriptionIndex index, ForgeDialect dialect, Claim.Proof claimed, byte[] raw, Trace trace) {
        List<WebhookSecret> all = index.distinctSecrets(dialect.forge());
        int limit = settings.get().maxSecretsPerUnnamedPing();
        List<WebhookSecret> tried = all.size() > limit ? all.subList(0, limit) : all;
        Optional<Verdict> limited = limited(trace, "");
        if (limited.isPresent()) {
            return limited.get();
        }
        if (claimed.verify(raw, tried).isPresent()) {
            return new Verdict.Pong();
        }
        trace.reason = "a ping without a repository (organisation webhook) matched none of the " + tried.size()
                + " secrets checked" + (all.size() > tried.size() ? " (of " + all.size() + " configured)" : "");
        return new Verdict.BadSignature();
    }

    /** The distinct secrets the candidates trust, each checked once; a subscription without one is noted. */
    private static LinkedHashSet<WebhookSecret> secretsOf(List<Subscription> candidates, Trace trace) {
        LinkedHashSet<WebhookSecret> distinct = new LinkedHashSet<>();
        for (Subscription s : candidates) {
            distinct.addAll(s.secrets());
            if (s.secrets().isEmpty()) {
                trace.note(s.id(), "not considered: no secret is configured, and nothing builds without one");
            }
        }
        return distinct;
    }

    private Verdict push(byte[] json, ForgeDialect dialect, BodyDigest body, List<Subscription> trusting, Trace trace,
            RepositoryName peeked) {
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
            PushPayload parsed = dialect.parse(json, pathsNeeded);
            if (parsed instanceof PushPayload.Invalid invalid) {
                trace.reason = invalid.reason();
                return new Verdict.BadPayload(invalid.reason());
            }
            List<PushEvent> pushes = ((PushPayload.Read) parsed).pushes();
            // The secret was chosen by the first repository name; a body naming another one later is refused.
            Optional<String> named = Subscription.repositoryOf(dialect.forge(), pushes.get(0).repository().fullName())
                    .map(RepositoryName::key);
            if (!named.equals(Optional.of(peeked.key()))) {
                trace.reason = "the payload names more than one repository (its name given twice)";
                return new Verdict.BadPayload(trace.reason);
            }
            trace.ref = String.join(", ", pushes.stream().map(PushEvent::ref).toList());
            List<String> refusals = new ArrayList<>();
            List<String> scheduled = new ArrayList<>();
            List<String> failed = new ArrayList<>();
            List<BuildScheduler.AlreadyAccepted> taken = new ArrayList<>();
            for (PushEvent push : pushes) {
                // Each ref of a push is matched as a push of its own; the event is named alike for every forge.
                BuildScheduler.PushDelivery delivery = pushes.size() == 1
                        ? new BuildScheduler.PushDelivery(trace.deliveryId, ForgeDialect.PUSH_EVENT, push, body)
                        : BuildScheduler.PushDelivery.oneOfSeveral(trace.deliveryId, ForgeDialect.PUSH_EVENT, push, body);
                String of = pushes.size() > 1 ? push.ref() + ": " : "";
                for (Subscription s : trusting) {
                    Optional<String> refusal = s.refuse(ForgeDialect.PUSH_EVENT, push);
                    if (refusal.isEmpty()) {
                        refusal = schedule(s, delivery, scheduled, failed, taken, note -> trace.note(s.id(), note));
                    }
                    if (refusal.isPresent()) {
                        trace.note(s.id(), of + refusal.get());
                        refusals.add(s.id() + ": " + of + refusal.get());
                    }
                }
            }
            if (scheduled.isEmpty() && !taken.isEmpty()) {
                BuildScheduler.AlreadyAccepted first = taken.get(0);
                trace.reason = "already accepted at " + first.acceptedAt();
                return new Verdict.Duplicate(first.acceptedAt(), first.started(), false, first.firstDelivery());
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
     * the adapter's note to {@code notes}), else why not ({@code s.id()} added to {@code failed} when the adapter threw,
     * the outcome to {@code taken} when the adapter had accepted the id already).
     */
    private Optional<String> schedule(Subscription s, BuildScheduler.PushDelivery delivery, List<String> scheduled,
            List<String> failed, List<BuildScheduler.AlreadyAccepted> taken, Consumer<String> notes) {
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
        if (outcome instanceof BuildScheduler.AlreadyAccepted already) {
            taken.add(already);
            return Optional.of("already accepted at " + already.acceptedAt());
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
                // An empty header or list member names no coding (RFC 9110's list rule), so it is identity too.
                if (!coding.isBlank() && !coding.strip().equalsIgnoreCase("identity")) {
                    return value;
                }
            }
        }
        return null;
    }

    private static String headerProblem(InboundRequest request, ForgeDialect dialect) {
        for (String name : dialect.securityHeaders()) {
            int count = request.values(name).size();
            if (count > 1) {
                // Which copy an intermediary or a framework would read is not ours to guess: two signatures are refused.
                return "the " + name + " header is given " + count + " times; a delivery carries it once";
            }
        }
        String event = dialect.event(request);
        String deliveryId = dialect.deliveryId(request);
        if (event == null || event.isBlank()) {
            return "the " + dialect.eventHeader() + " header is missing";
        }
        if (deliveryId == null || deliveryId.isBlank()) {
            return "the " + dialect.deliveryHeader() + " header is missing";
        }
        if (!printable(event).equals(event) || !printable(deliveryId).equals(deliveryId)) {
            return "the " + dialect.eventHeader() + " and " + dialect.deliveryHeader()
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
        /** Who the rate limit counts this delivery against; null when the adapter knows no peer. */
        ClientAddress client;
        /** The repository key of {@link #client}'s bucket a failed verification takes a token from; null: none ran. */
        String bucket;
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
