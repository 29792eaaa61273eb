package io.jenkins.plugins.signedwebhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudbees.hudson.plugins.folder.Folder;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.CredentialsStore;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import com.cloudbees.plugins.credentials.domains.Domain;
import hudson.model.FreeStyleBuild;
import hudson.model.FreeStyleProject;
import hudson.util.Secret;
import io.jenkins.plugins.signedwebhook.core.testing.Deliveries;
import io.jenkins.plugins.signedwebhook.core.testing.Fixtures;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;
import jenkins.model.Jenkins;
import jenkins.model.ParameterizedJobMixIn;
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.jenkinsci.plugins.workflow.job.properties.PipelineTriggersJobProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.CaptureEnvironmentBuilder;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** Part 1 end to end in a real Jenkins (runs with -Pjenkins only). */
@WithJenkins
class SignedWebhookJenkinsTest {
    private static final String SECRET = "It's a Secret to Everybody";
    private static final byte[] PUSH = Fixtures.github("push-branch.json");

    private JenkinsRule r;

    @BeforeEach
    void setUp(JenkinsRule rule) throws Exception {
        r = rule;
        SystemCredentialsProvider.getInstance().getCredentials()
                .add(new StringCredentialsImpl(CredentialsScope.GLOBAL, "gh-hook", "webhook secret", Secret.fromString(SECRET)));
        SystemCredentialsProvider.getInstance().save();
    }

    private HttpResponse<String> post(String event, byte[] body, String secret) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(r.getURL() + "signed-webhook/"))
                .header("Content-Type", "application/json").header("X-GitHub-Event", event)
                .header("X-GitHub-Delivery", UUID.randomUUID().toString())
                .header("X-Hub-Signature-256", Deliveries.sign(secret, body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }

    private FreeStyleProject freestyle(String name, String credentialsId) throws Exception {
        FreeStyleProject p = r.createFreeStyleProject(name);
        SignedWebhookTrigger trigger = new SignedWebhookTrigger("octo-org/app", credentialsId);
        trigger.setRefs("main");
        p.addTrigger(trigger);
        p.setQuietPeriod(0);
        p.save();
        return p;
    }

    @Test
    void pingAnswersPongWithoutACrumb() throws Exception {
        freestyle("app", "gh-hook");
        HttpResponse<String> rsp = post("ping", Fixtures.github("ping-repo.json"), SECRET);
        assertThat(rsp.statusCode()).isEqualTo(200);
        assertThat(rsp.body()).contains("\"pong\"");
    }

    @Test
    void signedPushBuildsFreestyleWithWebhookVariables() throws Exception {
        FreeStyleProject p = freestyle("app", "gh-hook");
        CaptureEnvironmentBuilder env = new CaptureEnvironmentBuilder();
        p.getBuildersList().add(env);

        HttpResponse<String> rsp = post("push", PUSH, SECRET);
        assertThat(rsp.statusCode()).isEqualTo(202);
        r.waitUntilNoActivity();

        FreeStyleBuild b = p.getLastBuild();
        assertThat(b).isNotNull();
        assertThat(env.getEnvVars()).containsEntry("WEBHOOK_BRANCH", "main").containsEntry("WEBHOOK_REPOSITORY", "octo-org/app")
                .containsEntry("WEBHOOK_COMMIT", "abca7305bb3692ff5e2a4da5d7ee0cb2ba2eaff0");
        assertThat(b.getCause(SignedWebhookCause.class).getShortDescription()).startsWith("Started by GitHub push to main by alice");
    }

    @Test
    void signedPushBuildsPipelineWithWebhookVariables() throws Exception {
        WorkflowJob p = r.createProject(WorkflowJob.class, "pipeline");
        p.setDefinition(new CpsFlowDefinition("echo \"ref=${env.WEBHOOK_REF} pusher=${env.WEBHOOK_PUSHER}\"", true));
        SignedWebhookTrigger trigger = new SignedWebhookTrigger("octo-org/app", "gh-hook");
        p.addProperty(new PipelineTriggersJobProperty(List.of(trigger)));
        p.setQuietPeriod(0);

        assertThat(post("push", PUSH, SECRET).statusCode()).isEqualTo(202);
        r.waitUntilNoActivity();
        WorkflowRun b = p.getLastBuild();
        r.assertLogContains("ref=refs/heads/main pusher=alice", b);
    }

    @Test
    void twoPushesFoldedIntoOneQueuedBuildBuildTheNewestCommitAndListBothDeliveries() throws Exception {
        FreeStyleProject p = freestyle("app", "gh-hook");
        p.setQuietPeriod(5);
        CaptureEnvironmentBuilder env = new CaptureEnvironmentBuilder();
        p.getBuildersList().add(env);
        byte[] newer = new String(PUSH, java.nio.charset.StandardCharsets.UTF_8)
                .replace("abca7305bb3692ff5e2a4da5d7ee0cb2ba2eaff0", "1111111111111111111111111111111111111111")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);

        assertThat(post("push", PUSH, SECRET).statusCode()).isEqualTo(202);
        assertThat(post("push", newer, SECRET).statusCode()).isEqualTo(202);
        r.waitUntilNoActivity();

        assertThat(p.getBuilds()).hasSize(1);
        assertThat(env.getEnvVars()).containsEntry("WEBHOOK_COMMIT", "1111111111111111111111111111111111111111");
        assertThat(p.getLastBuild().getCauses()).filteredOn(SignedWebhookCause.class::isInstance).hasSize(2);
    }

    @Test
    void aPushWhileASaveHasStoppedTheOldTriggerAndNotYetStartedTheNewOneStillBuilds() throws Exception {
        FreeStyleProject p = freestyle("app", "gh-hook");
        ParameterizedJobMixIn.getTrigger(p, SignedWebhookTrigger.class).stop();

        HttpResponse<String> rsp = post("push", PUSH, SECRET);
        r.waitUntilNoActivity();
        assertThat(rsp.statusCode()).isEqualTo(202);
        assertThat(p.getLastBuild()).isNotNull();
    }

    @Test
    void wrongSignatureIs403AndNothingBuilds() throws Exception {
        FreeStyleProject p = freestyle("app", "gh-hook");
        assertThat(post("push", PUSH, "guess").statusCode()).isEqualTo(403);
        r.waitUntilNoActivity();
        assertThat(p.getLastBuild()).isNull();
    }

    @Test
    void jobTrustingAnotherSecretIsNotStarted() throws Exception {
        SystemCredentialsProvider.getInstance().getCredentials()
                .add(new StringCredentialsImpl(CredentialsScope.GLOBAL, "other", "other team", Secret.fromString("other secret")));
        FreeStyleProject mine = freestyle("mine", "gh-hook");
        FreeStyleProject theirs = freestyle("theirs", "other");

        HttpResponse<String> rsp = post("push", PUSH, SECRET);
        r.waitUntilNoActivity();
        assertThat(rsp.body()).contains("mine").doesNotContain("theirs");
        assertThat(mine.getLastBuild()).isNotNull();
        assertThat(theirs.getLastBuild()).isNull();
    }

    @Test
    void folderCredentialsWork() throws Exception {
        Folder folder = r.jenkins.createProject(Folder.class, "team");
        CredentialsStore store = null;
        for (CredentialsStore s : CredentialsProvider.lookupStores(folder)) {
            if (s.getContext() == folder) {
                store = s;
            }
        }
        assertThat(store).isNotNull();
        store.addCredentials(Domain.global(), new StringCredentialsImpl(CredentialsScope.GLOBAL, "team-hook", "", Secret.fromString("team secret")));
        FreeStyleProject p = folder.createProject(FreeStyleProject.class, "deploy");
        p.addTrigger(new SignedWebhookTrigger("octo-org/app", "team-hook"));
        p.setQuietPeriod(0);
        p.save();

        assertThat(post("push", PUSH, "team secret").statusCode()).isEqualTo(202);
        r.waitUntilNoActivity();
        assertThat(p.getLastBuild()).isNotNull();
    }

    @Test
    void deliveryLogIsForAdministratorsOnly() throws Exception {
        r.jenkins.setSecurityRealm(r.createDummySecurityRealm());
        r.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.ADMINISTER).everywhere().to("admin")
                .grant(Jenkins.READ).everywhere().to("dev"));
        post("push", PUSH, "guess");

        JenkinsRule.WebClient dev = r.createWebClient().withThrowExceptionOnFailingStatusCode(false);
        assertThat(dev.login("dev").goTo("manage/signed-webhook-deliveries/").getWebResponse().getStatusCode()).isEqualTo(403);
        String page = r.createWebClient().login("admin").goTo("manage/signed-webhook-deliveries/").asNormalizedText();
        assertThat(page).contains("bad_signature");
    }
}
