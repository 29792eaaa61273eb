package io.jenkins.plugins.signedwebhook.core.multibranch;

import io.jenkins.plugins.signedwebhook.core.event.PushEvent;
import io.jenkins.plugins.signedwebhook.core.match.RepositoryName;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a verified push that matched a computed project's subscription asks of it: a project that makes one job per
 * branch or tag (a Multibranch Pipeline) is told of the pushed head by branch-api's own event, which builds (or
 * creates) that head's job under the project's triggering rules, and is indexed when the head was deleted; a folder that makes one such project per repository (an organization
 * folder) is scanned when the repository has no project yet. Facts come from name look-ups in the one project or
 * folder, so a delivery costs the same however many projects and branches there are.
 */
public final class BranchRouting {
    private static final String UNSERVED = ", so branch-api's event could not serve it";
    /** GitHub Branch Source caps its own event delay here; a larger setting is a typo, not a wish to wait longer. */
    static final int MAX_DELAY_SECONDS = 300;
    private static final Pattern SHA = Pattern.compile("[0-9a-fA-F]{40}");

    private BranchRouting() {
    }

    /** What the adapter found of the pushed branch's (or tag's) job in the project. */
    public enum HeadJob { ABSENT, BUILDABLE, DISABLED }

    /** A project's branch jobs, found by branch or tag name (never by walking them). */
    @FunctionalInterface
    public interface Project {
        HeadJob job(String head);
    }

    /** An organization folder's projects, found by repository name (never by walking them). */
    @FunctionalInterface
    public interface Organization {
        Optional<Child> project(String repository);
    }

    /** One project of an organization folder. */
    public record Child(String fullName, Project jobs) {
        public Child {
            Objects.requireNonNull(fullName, "fullName");
            Objects.requireNonNull(jobs, "jobs");
        }
    }

    /**
     * Why a project is indexed rather than told of the pushed head: the head was deleted, or the project's source
     * could not serve the event (it named no revision for the head, named a head of the other kind, or failed).
     */
    public enum Reason { DELETED, NO_REVISION, OTHER_KIND, FAILED }

    /**
     * Deletions always reach the routing (a multibranch subscription never drops them as a job's may): the route
     * for one indexes, so branch-api applies the project's orphaned item strategy, and never builds.
     */
    public static final boolean DELIVERS_DELETIONS = true;

    /** What the adapter is to do: tell branch-api of one pushed head, index one project, or scan one folder. */
    public sealed interface Route {
        /** What the sender is told was scheduled. */
        String scheduled();

        /** The delivery log's "why", one line. */
        String note();

        /** How long after the answer the event fires, or the indexing or scan is due ({@link BranchRouting#timed}). */
        Duration delay();

        /**
         * branch-api is told of the pushed head by its own event, scoped to this one project: it builds the head's
         * job (creating it for a new head) unless it already built that revision or its triggering rules say not
         * to, and records the revision so its next indexing does not build it again.
         */
        record Event(String project, String head, String kind, HeadJob job, Duration delay) implements Route {
            public Event {
                Objects.requireNonNull(delay, "delay");
            }

            /** Fired at once. */
            public Event(String project, String head, String kind, HeadJob job) {
                this(project, head, kind, job, Duration.ZERO);
            }

            /** The same event, fired {@code delay} after the answer (see {@link BranchRouting#eventDelay}). */
            public Event after(Duration delay) {
                return new Event(project, head, kind, job, delay);
            }

            /**
             * Whether the head the project's source named is the pushed one: the same name and the same kind, as a
             * source may name a branch for a tag of the same name (git looks branches up first) or a tag for a branch.
             */
            public boolean names(String headName, boolean tagHead) {
                return head.equals(headName) && tagHead == "tag".equals(kind);
            }

            @Override
            public String scheduled() {
                return project + "/" + head;
            }

            @Override
            public String note() {
                String rules = "tag".equals(kind)
                        ? "; branch-api builds a tag only if a build strategy of the project says so"
                        : "; branch-api builds it unless it built this revision already or the project suppresses"
                                + " automatic triggering";
                String when = delay.isZero() ? "" : ", fired in " + delay.toSeconds()
                        + " s so the source's API has the push (a restart before then loses it)";
                return switch (job) {
                    case BUILDABLE -> "branch-api event for " + kind + " " + head + " of " + project + " (no indexing)"
                            + when + rules;
                    case ABSENT -> "branch-api event for new " + kind + " " + head + " of " + project + when
                            + ": it creates the job if the source accepts the " + kind + " (a Jenkinsfile)" + rules;
                    case DISABLED -> "branch-api event for " + kind + " " + head + " of " + project + when
                            + ": its job is disabled (a " + kind + " branch-api lost), and comes back if the " + kind
                            + " is back" + rules;
                };
            }
        }

        /**
         * The project is indexed, so branch-api applies its own rules to every head, this one included; queued with a
         * quiet period of {@code delay}, as the source's listing reads the API an event's fetch would.
         */
        record Index(String project, String head, String kind, Reason reason, Duration delay) implements Route {
            public Index {
                Objects.requireNonNull(delay, "delay");
            }

            /** Queued at once. */
            public Index(String project, String head, String kind, Reason reason) {
                this(project, head, kind, reason, Duration.ZERO);
            }

            /** The same indexing, queued with a quiet period of {@code delay}. */
            public Index after(Duration delay) {
                return new Index(project, head, kind, reason, delay);
            }

            @Override
            public String scheduled() {
                return project + " (indexing)";
            }

            @Override
            public String note() {
                String why = switch (reason) {
                    case DELETED -> "indexing requested: " + kind + " " + head + " was deleted, so " + project
                            + "'s orphaned item strategy applies; nothing is built";
                    case NO_REVISION -> "indexing requested for " + kind + " " + head + " of " + project
                            + ": its source names no revision for " + kind + " " + head + UNSERVED;
                    case OTHER_KIND -> "indexing requested for " + kind + " " + head + " of " + project
                            + ": its source names a " + ("tag".equals(kind) ? "branch" : "tag") + " " + head + ", not the "
                            + kind + UNSERVED;
                    case FAILED -> "indexing requested for " + kind + " " + head + " of " + project
                            + ": its source failed to name the revision of " + kind + " " + head
                            + " (the Jenkins log says why)";
                };
                return delay.isZero() ? why : why + "; queued with a " + delay.toSeconds()
                        + " s quiet period so the source's API has the push";
            }

            /** The note of this indexing when Jenkins did not queue it, with why not ({@link #refused}). */
            public String notQueued(String refusal) {
                return note().replaceFirst("^indexing requested", "indexing needed") + "; not queued: " + refusal;
            }
        }

        /**
         * The organization folder has no project for the repository: it is scanned, which creates one. Every such push
         * asks (the repository may have gained a Jenkinsfile since the last scan); Jenkins' queue folds the requests
         * that arrive while a scan of the folder waits into that one scan, and queues a new one behind a running scan.
         * Queued with a quiet period of {@code delay}: no navigator reads the repository itself, all read the forge's API.
         */
        record Scan(String folder, String repository, Duration delay) implements Route {
            public Scan {
                Objects.requireNonNull(delay, "delay");
            }

            /** Queued at once. */
            public Scan(String folder, String repository) {
                this(folder, repository, Duration.ZERO);
            }

            /** The same scan, queued with a quiet period of {@code delay}. */
            public Scan after(Duration delay) {
                return new Scan(folder, repository, delay);
            }

            @Override
            public String scheduled() {
                return folder + " (scan)";
            }

            @Override
            public String note() {
                String when = delay.isZero() ? "" : ", with a " + delay.toSeconds()
                        + " s quiet period so the forge's API has the push";
                return "scan requested: " + folder + " has no project for repository " + repository
                        + " yet (folded into a waiting scan of " + folder + ", if one is queued)" + when
                        + "; the new project's first indexing builds its branches with the indexing's cause, not this"
                        + " push's";
            }
        }
    }

    /** Why Jenkins queued nothing for a route. */
    public enum Refusal {
        /** The project or folder is no longer there. */
        GONE,
        /** It is disabled: it is not indexed or scanned, and branch-api ignores its events. */
        DISABLED,
        /** Jenkins cannot start its indexing or scan now: a folder above it is disabled, or it has nothing to ask. */
        UNBUILDABLE,
        /** The project has no branch source to name the pushed head. */
        NO_SOURCE,
        /** Jenkins' queue did not take the indexing or scan. */
        NOT_QUEUED
    }

    /** What the sender is told when Jenkins queued nothing for {@code route}. */
    public static String refused(Route route, Refusal why) {
        String name;
        String work;
        if (route instanceof Route.Scan scan) {
            name = scan.folder();
            work = "scan";
        } else if (route instanceof Route.Index index) {
            name = index.project();
            work = "indexing";
        } else if (route instanceof Route.Event event) {
            name = event.project();
            work = "event";
        } else {
            throw new IllegalArgumentException("nothing is queued for " + route);
        }
        return switch (why) {
            case GONE -> name + " no longer exists";
            case DISABLED -> name + " is disabled, so "
                    + ("event".equals(work) ? "branch-api ignores its events" : "Jenkins queues no " + work);
            case UNBUILDABLE -> ("event".equals(work) ? "branch-api ignores the events of " + name
                    : "Jenkins cannot start the " + work + " of " + name)
                    + " now (a folder above it is disabled, or it has no branch source or navigator)";
            case NO_SOURCE -> name + " has no branch source to name the pushed head";
            case NOT_QUEUED -> "Jenkins' queue did not take the " + work + " of " + name;
        };
    }

    /** The git plugin's branch source: it names a head by asking the repository itself ({@code ls-remote}). */
    public static final String GIT_SCM_SOURCE = "jenkins.plugins.git.GitSCMSource";

    /**
     * How long after the answer the event for a project with sources of these classes fires: at once when every
     * source is the git plugin's, else {@code apiSourceDelaySeconds} (none when not positive). A source that reads
     * the forge's API (GitHub, Bitbucket) answers from a cache the forge updates a moment after its webhook, so an
     * event fired at once would be told the old revision and branch-api would ignore it; those plugins delay their own
     * events for that reason. At most {@value #MAX_DELAY_SECONDS} s, as GitHub Branch Source caps its own.
     */
    public static Duration eventDelay(List<String> sourceClasses, int apiSourceDelaySeconds) {
        if (sourceClasses.stream().allMatch(GIT_SCM_SOURCE::equals)) {
            return Duration.ZERO;
        }
        return scanDelay(apiSourceDelaySeconds);
    }

    /** How long an organization folder's scan waits: always the delay (capped), as no navigator reads git itself. */
    public static Duration scanDelay(int apiSourceDelaySeconds) {
        return Duration.ofSeconds(Math.min(MAX_DELAY_SECONDS, Math.max(0, apiSourceDelaySeconds)));
    }

    /**
     * The route with its delay: an event, or a deletion's indexing, by {@link #eventDelay} over the project's source
     * classes (the indexing lists heads through the same API); a scan by {@link #scanDelay}.
     */
    public static Route timed(Route route, List<String> sourceClasses, int apiSourceDelaySeconds) {
        if (route instanceof Route.Scan scan) {
            return scan.after(scanDelay(apiSourceDelaySeconds));
        }
        Duration delay = eventDelay(sourceClasses, apiSourceDelaySeconds);
        if (route instanceof Route.Index index) {
            return index.after(delay);
        }
        return ((Route.Event) route).after(delay);
    }

    /**
     * The delivery log's line when a source that reads the forge's API named another commit for the pushed head than
     * the push's {@code after}: likely the API lagging past the delay ({@code delaySetting} raises it). Nothing for
     * the git plugin's source, whose {@code ls-remote} names a newer commit only after a later push, or for revisions
     * that are not git SHAs.
     */
    public static Optional<String> staleRevision(Route.Event event, String sourceClass, String named, String pushed,
            String delaySetting) {
        if (GIT_SCM_SOURCE.equals(sourceClass) || named == null || pushed == null || !SHA.matcher(named).matches()
                || !SHA.matcher(pushed).matches()
                || named.equalsIgnoreCase(pushed)) {
            return Optional.empty();
        }
        return Optional.of("the source of " + event.project() + " names " + named + " for " + event.kind() + " "
                + event.head() + ", not the pushed " + pushed + ": unless a later push moved the " + event.kind()
                + ", the forge's API had not caught up, and branch-api builds nothing if it built that commit already;"
                + " raise " + delaySetting + " (now " + event.delay().toSeconds() + " s)");
    }

    /** The route of a push in the project {@code project} (its full name). */
    public static Route forProject(String project, PushEvent push, Project jobs) {
        String head = push.shortRef();
        String kind = push.tag().isPresent() ? "tag" : "branch";
        if (push.deleted()) {
            return new Route.Index(project, head, kind, Reason.DELETED);
        }
        return new Route.Event(project, head, kind, jobs.job(head));
    }

    /**
     * What an event the project's source could not serve (it named no revision for the head, named a head of the
     * other kind, or failed) becomes:
     * an indexing, never a direct build, which branch-api would not record and so would build again.
     */
    public static Route.Index unresolved(Route.Event event, Reason why) {
        if (why == Reason.DELETED) {
            throw new IllegalArgumentException("a deletion is never an event");
        }
        return new Route.Index(event.project(), event.head(), event.kind(), why);
    }

    /** The route of a push in the organization folder {@code folder}: its repository's project's, or a scan. */
    public static Route forOrganization(String folder, PushEvent push, Organization projects) {
        String repository = repositoryOf(push);
        Optional<Child> child = projects.project(repository);
        if (child.isEmpty()) {
            return new Route.Scan(folder, repository);
        }
        return forProject(child.get().fullName(), push, child.get().jobs());
    }

    private static String repositoryOf(PushEvent push) {
        return RepositoryName.parse(push.repository().fullName()).map(RepositoryName::name)
                .orElse(push.repository().fullName());
    }
}
