package io.jenkins.plugins.signedwebhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.CredentialsStore;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import com.cloudbees.plugins.credentials.domains.Domain;
import com.fasterxml.jackson.databind.node.ObjectNode;
import hudson.model.Queue;
import hudson.util.Secret;
import io.jenkins.plugins.signedwebhook.core.inbound.DeliveryRecord;
import io.jenkins.plugins.signedwebhook.core.testing.Deliveries;
import io.jenkins.plugins.signedwebhook.core.testing.Fixtures;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import jenkins.branch.BranchSource;
import jenkins.plugins.git.GitSCMSource;
import jenkins.plugins.git.GitSampleRepoRule;
import jenkins.plugins.git.junit.jupiter.WithGitSampleRepo;
import jenkins.plugins.git.traits.BranchDiscoveryTrait;
import org.htmlunit.html.HtmlPage;
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.jenkinsci.plugins.workflow.multibranch.WorkflowMultiBranchProject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * The acceptance of docs/multibranch.md in a real Jenkins (runs with -Pjenkins only): a Multibranch Pipeline on a
 * local git repository with main and feature-x; a signed push to main builds main once, by branch-api's event, with
 * the push's cause and WEBHOOK_COMMIT, and no later indexing builds it again; a new branch is created and built the
 * same way; a deleted one indexed and not built; a wrong secret starts nothing.
 */
@WithJenkins
@WithGitSampleRepo
class MultibranchJenkinsTest {
    private static final String SECRET = "It's a Secret to Everybody";
    private static final String JENKINSFILE = "echo \"commit=${env.WEBHOOK_COMMIT} branch=${env.BRANCH_NAME}\"";

    private JenkinsRule r;
    private GitSampleRepoRule repo;
    private WorkflowMultiBranchProject project;

    @BeforeEach
    void setUp(JenkinsRule rule, GitSampleRepoRule sampleRepo) throws Exception {
        r = rule;
        repo = sampleRepo;
        SystemCredentialsProvider.getInstance().getCredentials()
                .add(new StringCredentialsImpl(CredentialsScope.GLOBAL, "gh-hook", "webhook secret", Secret.fromString(SECRET)));
        SystemCredentialsProvider.getInstance().save();
        repo.init();
        repo.write("Jenkinsfile", JENKINSFILE);
        repo.git("add", "Jenkinsfile");
        repo.git("commit", "--message=Jenkinsfile");
        repo.git("branch", "-M", "main");
        repo.git("checkout", "-b", "feature-x");
        repo.git("checkout", "main");
        project = r.jenkins.createProject(WorkflowMultiBranchProject.class, "app");
        GitSCMSource source = new GitSCMSource(repo.toString());
        source.setTraits(List.of(new BranchDiscoveryTrait()));
        project.getSourcesList().add(new BranchSource(source));
        project.addTrigger(new SignedWebhookFolderTrigger("octo-org/app", "gh-hook"));
        project.scheduleBuild2(0);
        r.waitUntilNoActivity();
        assertThat(project.getItemByBranchName("main")).isNotNull();
        assertThat(project.getItemByBranchName("feature-x")).isNotNull();
    }

    private byte[] push(String branch, String after, boolean created, boolean deleted) {
        ObjectNode push = (ObjectNode) Fixtures.json(Fixtures.github("push-branch.json"));
        push.put("ref", "refs/heads/" + branch).put("after", after).put("created", created).put("deleted", deleted);
        try {
            return Fixtures.MAPPER.writeValueAsBytes(push);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private byte[] tagPush(String tag, String after) {
        ObjectNode push = (ObjectNode) Fixtures.json(Fixtures.github("push-tag.json"));
        push.put("ref", "refs/tags/" + tag).put("after", after).put("created", true).put("deleted", false);
        try {
            return Fixtures.MAPPER.writeValueAsBytes(push);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private HttpResponse<String> post(byte[] body, String secret) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(r.getURL() + "signed-webhook/"))
                .header("Content-Type", "application/json").header("X-GitHub-Event", "push")
                .header("X-GitHub-Delivery", UUID.randomUUID().toString())
                .header("X-Hub-Signature-256", Deliveries.sign(secret, body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** branch-api handles an event on its own threads, after the answer: wait for what it does, with a generous cap. */
    private void await(String what, BooleanSupplier done) throws Exception {
        Instant cap = Instant.now().plus(Duration.ofMinutes(2));
        while (!done.getAsBoolean()) {
            assertThat(Instant.now()).as("waiting for " + what).isBefore(cap);
            Thread.sleep(100);
            r.waitUntilNoActivity();
        }
    }

    private static int lastNumber(WorkflowJob job) {
        return job.getLastBuild() == null ? 0 : job.getLastBuild().getNumber();
    }

    @Test
    void aSignedPushToMainBuildsMainOnceWithoutAScanWithTheCauseAndTheCommit() throws Exception {
        WorkflowJob main = project.getItemByBranchName("main");
        int before = lastNumber(main);
        repo.write("file", "change");
        repo.git("commit", "--all", "--message=change");

        HttpResponse<String> rsp = post(push("main", repo.head(), false, false), SECRET);
        await("main's build of the push", () -> lastNumber(main) == before + 1);

        assertThat(rsp.statusCode()).as(rsp.body()).isEqualTo(202);
        assertThat(rsp.body()).contains("app/main");
        WorkflowRun build = main.getLastBuild();
        assertThat(build.getCause(SignedWebhookCause.class)).as("branch-api adds the event's cause").isNotNull();
        r.assertLogContains("commit=" + repo.head() + " branch=main", build);

        project.scheduleBuild2(0);
        r.waitUntilNoActivity();
        assertThat(lastNumber(main)).as("branch-api recorded the revision: the next indexing does not build it again")
                .isEqualTo(before + 1);
    }

    @Test
    void theSameDeliveryTwiceBuildsOnce() throws Exception {
        WorkflowJob main = project.getItemByBranchName("main");
        int before = lastNumber(main);
        repo.write("file", "again");
        repo.git("commit", "--all", "--message=again");
        byte[] body = push("main", repo.head(), false, false);

        post(body, SECRET);
        await("main's build of the push", () -> lastNumber(main) == before + 1);
        post(body, SECRET);
        r.waitUntilNoActivity();

        assertThat(lastNumber(main)).isEqualTo(before + 1);
    }

    @Test
    void aPushOfANewBranchCreatesAndBuildsOnlyThatBranchWithThePushsCause() throws Exception {
        int mainBuilds = lastNumber(project.getItemByBranchName("main"));
        repo.git("checkout", "-b", "feature-y");
        repo.write("file", "y");
        repo.git("commit", "--all", "--message=y");

        HttpResponse<String> rsp = post(push("feature-y", repo.head(), true, false), SECRET);
        await("feature-y's job and build", () -> project.getItemByBranchName("feature-y") != null
                && project.getItemByBranchName("feature-y").getLastBuild() != null);

        assertThat(rsp.statusCode()).as(rsp.body()).isEqualTo(202);
        assertThat(rsp.body()).contains("app/feature-y");
        WorkflowRun build = project.getItemByBranchName("feature-y").getLastBuild();
        assertThat(build.getCause(SignedWebhookCause.class)).isNotNull();
        r.assertLogContains("commit=" + repo.head() + " branch=feature-y", build);
        assertThat(lastNumber(project.getItemByBranchName("main"))).as("no indexing rebuilt main").isEqualTo(mainBuilds);
        assertThat(WebhookService.get().deliveriesConcerning("app").get(0).notes())
                .anyMatch(n -> n.outcome().contains("branch-api event for new branch feature-y"));
    }

    @Test
    void aDeletedBranchIsIndexedAndNothingBuilds() throws Exception {
        WorkflowJob featureX = project.getItemByBranchName("feature-x");
        int mainBuilds = project.getItemByBranchName("main").getLastBuild().getNumber();
        repo.git("branch", "-D", "feature-x");

        HttpResponse<String> rsp = post(push("feature-x", "0000000000000000000000000000000000000000", false, true), SECRET);
        r.waitUntilNoActivity();

        assertThat(rsp.statusCode()).as(rsp.body()).isEqualTo(202);
        assertThat(rsp.body()).contains("app (indexing)");
        assertThat(project.getItemByBranchName("feature-x")).as("the default orphaned item strategy removes it").isNull();
        assertThat(featureX.getLastBuild().getNumber()).isEqualTo(1);
        assertThat(project.getItemByBranchName("main").getLastBuild().getNumber()).isEqualTo(mainBuilds);
    }

    @Test
    void aWrongSecretStartsNothing() throws Exception {
        int mainBuilds = project.getItemByBranchName("main").getLastBuild().getNumber();

        HttpResponse<String> rsp = post(push("main", repo.head(), false, false), "a guess");
        r.waitUntilNoActivity();

        assertThat(rsp.statusCode()).isEqualTo(403);
        assertThat(project.getItemByBranchName("main").getLastBuild().getNumber()).isEqualTo(mainBuilds);
    }

    private static long signedCauses(List<hudson.model.Cause> causes) {
        return causes.stream().filter(SignedWebhookCause.class::isInstance).count();
    }

    private List<hudson.model.Cause> queuedCauses(WorkflowJob job) {
        return Arrays.stream(r.jenkins.getQueue().getItems()).filter(item -> item.task == job)
                .findFirst().map(Queue.Item::getCauses).orElse(List.of());
    }

    @Test
    void aTagPushIsNotTakenForTheBranchOfTheSameNameAndFallsBackToIndexing() throws Exception {
        SignedWebhookFolderTrigger trigger = new SignedWebhookFolderTrigger("octo-org/app", "gh-hook");
        trigger.setRefs("**, refs/tags/**");
        project.addTrigger(trigger);
        repo.git("tag", "v1");
        String tagged = repo.head();
        repo.git("checkout", "-b", "v1");
        repo.write("file", "branch v1");
        repo.git("commit", "--all", "--message=branch v1");
        repo.git("checkout", "main");
        project.scheduleBuild2(0);
        r.waitUntilNoActivity();
        WorkflowJob branch = project.getItemByBranchName("v1");
        int built = lastNumber(branch);
        repo.git("checkout", "v1");
        repo.write("file", "branch v1 moved");
        repo.git("commit", "--all", "--message=moved");
        repo.git("checkout", "main");

        HttpResponse<String> rsp = post(tagPush("v1", tagged), SECRET);
        await("the indexing the tag push falls back to", () -> lastNumber(branch) == built + 1);

        assertThat(rsp.statusCode()).as(rsp.body()).isEqualTo(202);
        assertThat(branch.getLastBuild().getCause(SignedWebhookCause.class))
                .as("the source named branch v1 for tag v1: the branch is built by indexing, not as the tag push")
                .isNull();
        assertThat(WebhookService.get().deliveriesConcerning("app").get(0).notes())
                .extracting(DeliveryRecord.Note::outcome).as("the delivery's record says the event fell back")
                .contains("indexing requested for tag v1 of app: its source names a branch v1, not the tag, so"
                        + " branch-api's event could not serve it");
    }

    @Test
    void twoPushesFoldedIntoOneQueuedBuildGiveItTheNewestPushsCommitWhileItBuildsTheTipAtItsStart() throws Exception {
        WorkflowJob main = project.getItemByBranchName("main");
        int before = lastNumber(main);
        String second;
        r.jenkins.doQuietDown();
        try {
            repo.write("file", "one");
            repo.git("commit", "--all", "--message=one");
            post(push("main", repo.head(), false, false), SECRET);
            await("the first push's queued build", () -> signedCauses(queuedCauses(main)) == 1);
            repo.write("file", "two");
            repo.git("commit", "--all", "--message=two");
            second = repo.head();
            post(push("main", second, false, false), SECRET);
            await("the second push folded into it", () -> signedCauses(queuedCauses(main)) == 2);
            repo.write("Jenkinsfile", "echo \"tip=three commit=${env.WEBHOOK_COMMIT}\"");
            repo.git("commit", "--all", "--message=three, not pushed yet");
        } finally {
            r.jenkins.doCancelQuietDown();
        }
        await("the folded build", () -> lastNumber(main) == before + 1 && !main.getLastBuild().isBuilding());

        WorkflowRun build = main.getLastBuild();
        assertThat(signedCauses(build.getCauses())).as("one build for both pushes, both listed").isEqualTo(2);
        r.assertLogContains("tip=three commit=" + second, build);
    }

    @Test
    void aPushToADisabledProjectSchedulesNothingAndTheAnswerSaysSo() throws Exception {
        WorkflowJob main = project.getItemByBranchName("main");
        int before = lastNumber(main);
        project.makeDisabled(true);
        repo.write("file", "while disabled");
        repo.git("commit", "--all", "--message=while disabled");

        HttpResponse<String> rsp = post(push("main", repo.head(), false, false), SECRET);
        r.waitUntilNoActivity();

        assertThat(rsp.statusCode()).as(rsp.body()).isEqualTo(200);
        assertThat(rsp.body()).contains("ignored").contains("app is disabled, so branch-api ignores its events");
        assertThat(lastNumber(main)).isEqualTo(before);
    }

    @Test
    void aSecretInTheProjectsOwnCredentialsVerifiesItsPushes() throws Exception {
        String folderSecret = "only this project knows";
        for (CredentialsStore store : CredentialsProvider.lookupStores(project)) {
            if (store.getContext() == project) {
                store.addCredentials(Domain.global(), new StringCredentialsImpl(CredentialsScope.GLOBAL, "app-hook",
                        "app's webhook secret", Secret.fromString(folderSecret)));
            }
        }
        project.addTrigger(new SignedWebhookFolderTrigger("octo-org/app", "app-hook"));
        WorkflowJob main = project.getItemByBranchName("main");
        int before = lastNumber(main);
        repo.write("file", "folder secret");
        repo.git("commit", "--all", "--message=folder secret");

        HttpResponse<String> global = post(push("main", repo.head(), false, false), SECRET);
        HttpResponse<String> own = post(push("main", repo.head(), false, false), folderSecret);
        await("main's build of the push", () -> lastNumber(main) == before + 1);

        assertThat(global.statusCode()).as("the global secret is no longer this project's").isEqualTo(403);
        assertThat(own.statusCode()).as(own.body()).isEqualTo(202);
        assertThat(main.getLastBuild().getCause(SignedWebhookCause.class)).isNotNull();
    }

    /** A folder's page shows its actions' summaries, not a job's jobMain: the trigger's problem must show there too. */
    @Test
    void theProjectsPageSaysWhenItsTriggerCannotStartBuilds() throws Exception {
        project.addTrigger(new SignedWebhookFolderTrigger("octo-org/app", "no-such-credential"));

        HtmlPage page = r.createWebClient().goTo("job/app/");

        assertThat(page.asNormalizedText()).contains("Signed webhook trigger cannot start builds:");
    }

    @Test
    void theTriggerKeepsItsSettingsThroughTheConfigurationForm() throws Exception {
        SignedWebhookFolderTrigger trigger = new SignedWebhookFolderTrigger("octo-org/app", "gh-hook");
        trigger.setRefs("main, feature-*");
        trigger.setExcludePaths("**/*.md");
        trigger.setForge("gitlab");
        trigger.setHost("gitlab.example.com");
        trigger.setTokenOnly(true);
        project.addTrigger(trigger);

        r.configRoundtrip(project);

        AbstractSignedWebhookTrigger<?> saved = AbstractSignedWebhookTrigger.of(project);
        assertThat(saved).isInstanceOf(SignedWebhookFolderTrigger.class).isNotSameAs(trigger);
        assertThat(saved.getRepository()).isEqualTo("octo-org/app");
        assertThat(saved.getCredentialsId()).isEqualTo("gh-hook");
        assertThat(saved.getRefs()).isEqualTo("main, feature-*");
        assertThat(saved.getExcludePaths()).isEqualTo("**/*.md");
        assertThat(saved.getForge()).isEqualTo("gitlab");
        assertThat(saved.getHost()).isEqualTo("gitlab.example.com");
        assertThat(saved.isTokenOnly()).isTrue();
    }
}
