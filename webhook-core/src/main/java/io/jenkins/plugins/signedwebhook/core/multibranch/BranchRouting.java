package io.jenkins.plugins.signedwebhook.core.multibranch;

import io.jenkins.plugins.signedwebhook.core.event.PushEvent;
import io.jenkins.plugins.signedwebhook.core.match.RepositoryName;
import java.util.Objects;
import java.util.Optional;

/**
 * What a verified push that matched a computed project's subscription asks of it: a project that makes one job per
 * branch or tag (a Multibranch Pipeline) builds the pushed branch's job when it has one, and is indexed when the
 * branch is new, deleted or its job disabled; a folder that makes one such project per repository (an organization
 * folder) is scanned when the repository has no project yet. Facts come from name look-ups in the one project or
 * folder, so a delivery costs the same however many projects and branches there are.
 */
public final class BranchRouting {
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

    /** Why a project is indexed rather than its branch built. */
    public enum Reason { NEW, DELETED, DISABLED }

    /** What the adapter is to do: build one branch job, index one project, or scan one folder. */
    public sealed interface Route {
        /** What the sender is told was scheduled. */
        String scheduled();

        /** The delivery log's "why", one line. */
        String note();

        /** The branch's job exists: it is built at once, without a scan. */
        record Build(String project, String head) implements Route {
            @Override
            public String scheduled() {
                return project + "/" + head;
            }

            @Override
            public String note() {
                return "built " + head + " of " + project + " without indexing";
            }
        }

        /** The project is indexed, so branch-api creates, builds, enables or retires the branch's job itself. */
        record Index(String project, String head, String kind, Reason reason) implements Route {
            @Override
            public String scheduled() {
                return project + " (indexing)";
            }

            @Override
            public String note() {
                return switch (reason) {
                    case NEW -> "indexing requested for " + kind + " " + head + ": " + project
                            + " has no job for it yet; indexing creates it, and branch-api builds it with its own"
                            + " branch indexing cause";
                    case DELETED -> "indexing requested: " + kind + " " + head + " was deleted, so " + project
                            + "'s orphaned item strategy applies; nothing is built";
                    case DISABLED -> "indexing requested for " + kind + " " + head + ": its job is disabled (a branch"
                            + " branch-api lost); indexing enables and builds it if the branch is back";
                };
            }
        }

        /** The organization folder has no project for the repository: it is scanned, which creates one. */
        record Scan(String folder, String repository) implements Route {
            @Override
            public String scheduled() {
                return folder + " (scan)";
            }

            @Override
            public String note() {
                return "scan requested: " + folder + " has no project for repository " + repository + " yet";
            }
        }
    }

    /** The route of a push in the project {@code project} (its full name). */
    public static Route forProject(String project, PushEvent push, Project jobs) {
        String head = push.shortRef();
        String kind = push.tag().isPresent() ? "tag" : "branch";
        if (push.deleted()) {
            return new Route.Index(project, head, kind, Reason.DELETED);
        }
        return switch (jobs.job(head)) {
            case BUILDABLE -> new Route.Build(project, head);
            case ABSENT -> new Route.Index(project, head, kind, Reason.NEW);
            case DISABLED -> new Route.Index(project, head, kind, Reason.DISABLED);
        };
    }

    /** The route of a push in the organization folder {@code folder}: its repository's project's, or a scan. */
    public static Route forOrganization(String folder, PushEvent push, Organization projects) {
        String repository = RepositoryName.parse(push.repository().fullName()).map(RepositoryName::name)
                .orElse(push.repository().fullName());
        Optional<Child> child = projects.project(repository);
        if (child.isEmpty()) {
            return new Route.Scan(folder, repository);
        }
        return forProject(child.get().fullName(), push, child.get().jobs());
    }
}
