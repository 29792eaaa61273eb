package io.jenkins.plugins.signedwebhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import com.fasterxml.jackson.databind.node.ObjectNode;
import hudson.util.Secret;
import io.jenkins.plugins.signedwebhook.core.inbound.DeliveryRecord;
import io.jenkins.plugins.signedwebhook.core.testing.Deliveries;
import io.jenkins.plugins.signedwebhook.core.testing.Fixtures;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import jenkins.branch.MultiBranchProject;
import jenkins.branch.OrganizationFolder;
import jenkins.scm.impl.mock.MockSCMController;
import jenkins.scm.impl.mock.MockSCMDiscoverBranches;
import jenkins.scm.impl.mock.MockSCMNavigator;
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.multibranch.WorkflowMultiBranchProjectFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * An organization folder in a real Jenkins (runs with -Pjenkins only), on scm-api's in-memory mock navigator: a push
 * for a repository the folder has no project for yet scans the folder, whose scan makes the project and builds it;
 * every such push scans, so a Jenkinsfile added right after a push without one is found.
 */
@WithJenkins
class OrganizationFolderJenkinsTest {
    private static final String SECRET = "It's a Secret to Everybody";

    private JenkinsRule r;
    private MockSCMController scm;
    private OrganizationFolder folder;

    @BeforeEach
    void setUp(JenkinsRule rule) throws Exception {
        r = rule;
        SystemCredentialsProvider.getInstance().getCredentials()
                .add(new StringCredentialsImpl(CredentialsScope.GLOBAL, "gh-hook", "webhook secret", Secret.fromString(SECRET)));
        SystemCredentialsProvider.getInstance().save();
        scm = MockSCMController.create();
        folder = r.jenkins.createProject(OrganizationFolder.class, "octo-org");
        folder.getNavigators().add(new MockSCMNavigator(scm, new MockSCMDiscoverBranches()));
        folder.getProjectFactories().add(new WorkflowMultiBranchProjectFactory());
        folder.addTrigger(new SignedWebhookFolderTrigger("octo-org", "gh-hook"));
        folder.scheduleBuild2(0);
        r.waitUntilNoActivity();
    }

    @AfterEach
    void tearDown() {
        scm.close();
    }

    private static byte[] push(String repository, String branch, String after) {
        ObjectNode push = (ObjectNode) Fixtures.json(Fixtures.github("push-branch.json"));
        push.put("ref", "refs/heads/" + branch).put("after", after).put("created", false).put("deleted", false);
        ObjectNode repo = (ObjectNode) push.get("repository");
        String url = "https://github.com/octo-org/" + repository;
        repo.put("name", repository).put("full_name", "octo-org/" + repository).put("html_url", url).put("url", url)
                .put("clone_url", url + ".git");
        try {
            return Fixtures.MAPPER.writeValueAsBytes(push);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private HttpResponse<String> post(byte[] body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(r.getURL() + "signed-webhook/"))
                .header("Content-Type", "application/json").header("X-GitHub-Event", "push")
                .header("X-GitHub-Delivery", UUID.randomUUID().toString())
                .header("X-Hub-Signature-256", Deliveries.sign(SECRET, body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** The scan and the project's first indexing run on the queue one after the other: wait, with a generous cap. */
    private void await(String what, BooleanSupplier done) throws Exception {
        Instant cap = Instant.now().plus(Duration.ofMinutes(2));
        while (!done.getAsBoolean()) {
            assertThat(Instant.now()).as("waiting for " + what).isBefore(cap);
            Thread.sleep(100);
            r.waitUntilNoActivity();
        }
    }

    private WorkflowJob master(String repository) {
        MultiBranchProject<?, ?> project = folder.getItemByProjectName(repository);
        return project == null ? null : (WorkflowJob) project.getItemByBranchName("master");
    }

    @Test
    void aPushForANewRepositoryScansTheFolderWhichMakesTheProjectAndBuildsIt() throws Exception {
        scm.createRepository("app");
        scm.addFile("app", "master", "Jenkinsfile", "Jenkinsfile",
                "echo 'built by the scan'".getBytes(StandardCharsets.UTF_8));
        assertThat(folder.getItemByProjectName("app")).as("no scan has seen it yet").isNull();

        HttpResponse<String> rsp = post(push("app", "master", scm.getRevision("app", "master")));
        await("the scan's project for app and its first build",
                () -> master("app") != null && master("app").getLastBuild() != null);

        assertThat(rsp.statusCode()).as(rsp.body()).isEqualTo(202);
        assertThat(rsp.body()).contains("octo-org (scan)");
        assertThat(WebhookService.get().deliveriesConcerning("octo-org").get(0).notes())
                .extracting(DeliveryRecord.Note::outcome).as("no navigator reads the repository itself")
                .anyMatch(line -> line.contains("with a 5 s quiet period so the forge's API has the push"));
        r.assertLogContains("built by the scan", master("app").getLastBuild());
    }

    /**
     * The mock source is not the git plugin's: like GitHub Branch Source it is asked after the delay, which the
     * delivery's record states, and branch-api then builds the pushed commit with the push's cause.
     */
    @Test
    void aPushToAProjectWhoseSourceIsNotGitsFiresTheEventAfterTheDelayAndBuilds() throws Exception {
        scm.createRepository("app");
        scm.addFile("app", "master", "Jenkinsfile", "Jenkinsfile", "echo 'built'".getBytes(StandardCharsets.UTF_8));
        folder.scheduleBuild2(0);
        await("the scan's project for app and its first build",
                () -> master("app") != null && master("app").getLastBuild() != null);
        int built = master("app").getLastBuild().getNumber();
        scm.addFile("app", "master", "change", "file", "changed".getBytes(StandardCharsets.UTF_8));

        HttpResponse<String> rsp = post(push("app", "master", scm.getRevision("app", "master")));
        await("the delayed event's build", () -> master("app").getLastBuild().getNumber() == built + 1);

        assertThat(rsp.statusCode()).as(rsp.body()).isEqualTo(202);
        assertThat(rsp.body()).contains("octo-org/app/master");
        assertThat(WebhookService.get().deliveriesConcerning("octo-org").get(0).notes())
                .extracting(DeliveryRecord.Note::outcome).anyMatch(line -> line.contains("fired in 5 s"));
        assertThat(master("app").getLastBuild().getCause(SignedWebhookCause.class)).isNotNull();
    }

    /** A first push without a Jenkinsfile makes no project; the next one, seconds later, adds it: that one scans too. */
    @Test
    void aPushThatAddsTheJenkinsfileRightAfterAPushWithoutOneScansAgainAndBuilds() throws Exception {
        scm.createRepository("docs");
        scm.addFile("docs", "master", "no Jenkinsfile", "README.md", "docs".getBytes(StandardCharsets.UTF_8));

        HttpResponse<String> first = post(push("docs", "master", scm.getRevision("docs", "master")));
        r.waitUntilNoActivity();
        assertThat(folder.getItemByProjectName("docs")).as("no Jenkinsfile, no project").isNull();
        scm.addFile("docs", "master", "add the Jenkinsfile", "Jenkinsfile",
                "echo 'built once the Jenkinsfile came'".getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> second = post(push("docs", "master", scm.getRevision("docs", "master")));
        await("the second scan's project for docs and its first build",
                () -> master("docs") != null && master("docs").getLastBuild() != null);

        assertThat(first.statusCode()).as(first.body()).isEqualTo(202);
        assertThat(first.body()).contains("octo-org (scan)");
        assertThat(second.statusCode()).as(second.body()).isEqualTo(202);
        assertThat(second.body()).contains("octo-org (scan)");
        r.assertLogContains("built once the Jenkinsfile came", master("docs").getLastBuild());
    }
}
