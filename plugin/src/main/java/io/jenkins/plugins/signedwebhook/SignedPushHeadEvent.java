package io.jenkins.plugins.signedwebhook;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.model.Cause;
import hudson.scm.SCM;
import io.jenkins.plugins.signedwebhook.core.inbound.BuildScheduler;
import io.jenkins.plugins.signedwebhook.core.multibranch.BranchRouting;
import io.jenkins.plugins.signedwebhook.core.multibranch.BranchRouting.Reason;
import io.jenkins.plugins.signedwebhook.core.multibranch.BranchRouting.Route;
import java.io.IOException;
import java.util.Comparator;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import jenkins.scm.api.SCMHead;
import jenkins.scm.api.SCMHeadEvent;
import jenkins.scm.api.SCMNavigator;
import jenkins.scm.api.SCMRevision;
import jenkins.scm.api.SCMSource;
import jenkins.scm.api.SCMSourceOwner;
import jenkins.scm.api.mixin.TagSCMHead;

/**
 * branch-api's own event for one verified push, scoped to the one project the signature covers: every other
 * project's sources, every organization folder's navigators and every polled SCM are no match. The pushed head and
 * its revision are named by the project's source itself ({@link SCMSource#fetch(String, hudson.model.TaskListener)}),
 * so any source type gets its own head and revision types, and branch-api builds, records the revision and adds
 * {@link #asCauses()} exactly as for its own events. A source that names no revision, names a head of the other
 * kind (a branch for a tag push, a tag for a branch push), or fails, gets the project's indexing.
 */
final class SignedPushHeadEvent extends SCMHeadEvent<String> {
    private static final Logger LOGGER = Logger.getLogger(SignedPushHeadEvent.class.getName());

    // Transient, and the payload only the delivery id: branch-api may keep the event in a build's cause, and XStream
    // cannot read records, lambdas or immutable maps back.
    private final transient Route.Event route;
    private final transient BuildScheduler.PushDelivery delivery;
    private final transient Map<String, String> variables;
    private final transient int sources;
    private final transient Consumer<Reason> unresolved;
    private final transient Consumer<String> noted;
    private final transient Map<String, Resolution> resolved = new ConcurrentHashMap<>();
    private final transient AtomicBoolean fellBack = new AtomicBoolean();

    /**
     * @param sources how many sources the project has, so the event knows when none of them named the head
     * @param unresolved what to do, once, when no source named it, told why (request the project's indexing)
     * @param noted adds a line to the delivery's record (a source naming another commit than the pushed one)
     */
    SignedPushHeadEvent(Route.Event route, BuildScheduler.PushDelivery delivery, Map<String, String> variables,
            long timestamp, int sources, Consumer<Reason> unresolved, Consumer<String> noted) {
        // UPDATED even for a new head: branch-api's update path creates a missing job, where its create path skips a
        // head whose job a first push is already creating, and this push with it.
        super(Type.UPDATED, timestamp, delivery.deliveryId(), null);
        this.route = route;
        this.delivery = delivery;
        this.variables = Map.copyOf(variables);
        this.sources = sources;
        this.unresolved = unresolved;
        this.noted = noted;
    }

    @Override
    public boolean isMatch(@NonNull SCMNavigator navigator) {
        return false;
    }

    @NonNull
    @Override
    public String getSourceName() {
        return delivery.push().repository().fullName();
    }

    @Override
    public boolean isMatch(@NonNull SCMSource source) {
        return covers(source) && !heads(source).isEmpty();
    }

    @NonNull
    @Override
    public Map<SCMHead, SCMRevision> heads(@NonNull SCMSource source) {
        if (!covers(source)) {
            return Map.of();
        }
        // Not computeIfAbsent: resolve() is network I/O, which must not run under the map's lock.
        Resolution known = resolved.get(source.getId());
        if (known == null) {
            Resolution fresh = resolve(source);
            known = Objects.requireNonNullElse(resolved.putIfAbsent(source.getId(), fresh), fresh);
        }
        if (resolved.size() >= sources && resolved.values().stream().allMatch(r -> r.heads().isEmpty())
                && fellBack.compareAndSet(false, true)) {
            unresolved.accept(resolved.values().stream().map(Resolution::why).max(Comparator.naturalOrder())
                    .orElse(Reason.NO_REVISION));
        }
        return known.heads();
    }

    /** The push is not news to any job that is not a branch job of this project. */
    @Override
    public boolean isMatch(@NonNull SCM scm) {
        return false;
    }

    @Override
    public String description() {
        return "signed push to " + route.kind() + " " + route.head() + " (delivery " + delivery.deliveryId() + ")";
    }

    /** A new cause each time, as scm-api asks: it also gives the build the push's WEBHOOK_* variables. */
    @NonNull
    @Override
    public Cause[] asCauses() {
        return new Cause[] {new SignedWebhookCause(delivery, variables)};
    }

    private boolean covers(SCMSource source) {
        SCMSourceOwner owner = source.getOwner();
        return owner != null && route.project().equals(owner.getFullName());
    }

    /** What one source named for the pushed head: the head and its revision, or why none (null when named). */
    private record Resolution(Map<SCMHead, SCMRevision> heads, Reason why) {
        static Resolution none(Reason why) {
            return new Resolution(Map.of(), why);
        }
    }

    private Resolution resolve(SCMSource source) {
        try {
            SCMRevision revision = source.fetch(route.head(), null);
            if (revision == null) {
                return Resolution.none(Reason.NO_REVISION);
            }
            // Name and kind: git may name a branch for a tag of the same name; a head of the other kind means indexing.
            if (route.names(revision.getHead().getName(), revision.getHead() instanceof TagSCMHead)) {
                BranchRouting.staleRevision(route, source.getClass().getName(), String.valueOf(revision),
                        delivery.push().after(), MultibranchProjects.DELAY_PROPERTY).ifPresent(noted);
                return new Resolution(Map.of(revision.getHead(), revision), null);
            }
            return Resolution.none(revision.getHead().getName().equals(route.head()) ? Reason.OTHER_KIND
                    : Reason.NO_REVISION);
        } catch (IOException e) {
            LOGGER.log(Level.WARNING, "The source of " + route.project() + " could not name " + route.kind() + " "
                    + route.head() + " for delivery " + delivery.deliveryId() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            // Thrown out of heads() it would be logged by scm-api alone, and the push would do nothing.
            LOGGER.log(Level.WARNING, "The source of " + route.project() + " failed to name " + route.kind() + " "
                    + route.head() + " for delivery " + delivery.deliveryId(), e);
        }
        return Resolution.none(Reason.FAILED);
    }
}
