package io.jenkins.plugins.signedwebhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import hudson.model.FreeStyleProject;
import hudson.util.Secret;
import io.jenkins.plugins.signedwebhook.core.testing.Deliveries;
import io.jenkins.plugins.signedwebhook.core.testing.Fixtures;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;
import jenkins.model.ParameterizedJobMixIn;
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.JenkinsSessionExtension;

/** An accepted delivery id stays a duplicate across restarts, saves, reloads and upgrades (runs with -Pjenkins only). */
class NeverTwiceJenkinsTest {
    private static final String SECRET = "It's a Secret to Everybody";
    private static final byte[] PUSH = Fixtures.github("push-branch.json");

    @RegisterExtension
    private final JenkinsSessionExtension sessions = new JenkinsSessionExtension();

    static HttpResponse<String> post(JenkinsRule r, String deliveryId) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(r.getURL() + "signed-webhook/"))
                .header("Content-Type", "application/json").header("X-GitHub-Event", "push")
                .header("X-GitHub-Delivery", deliveryId).header("X-Hub-Signature-256", Deliveries.sign(SECRET, PUSH))
                .POST(HttpRequest.BodyPublishers.ofByteArray(PUSH)).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }

    static void addSecret(JenkinsRule r) throws Exception {
        SystemCredentialsProvider.getInstance().getCredentials()
                .add(new StringCredentialsImpl(CredentialsScope.GLOBAL, "gh-hook", "webhook secret", Secret.fromString(SECRET)));
        SystemCredentialsProvider.getInstance().save();
    }

    static FreeStyleProject job(JenkinsRule r, String name) throws Exception {
        FreeStyleProject p = r.createFreeStyleProject(name);
        SignedWebhookTrigger trigger = new SignedWebhookTrigger("octo-org/app", "gh-hook");
        trigger.setRefs("main");
        p.addTrigger(trigger);
        p.setQuietPeriod(0);
        p.save();
        return p;
    }

    private static FreeStyleProject existing(JenkinsRule r, String name) {
        return Objects.requireNonNull(r.jenkins.getItemByFullName(name, FreeStyleProject.class));
    }

    @Test
    void aRedeliveryAfterARestartIsADuplicateAndBuildsNothing() throws Throwable {
        sessions.then(r -> {
            addSecret(r);
            job(r, "app");
            assertThat(post(r, "d-restart").statusCode()).isEqualTo(202);
            r.waitUntilNoActivity();
        });
        sessions.then(r -> {
            HttpResponse<String> redelivered = post(r, "d-restart");
            r.waitUntilNoActivity();
            assertThat(redelivered.statusCode()).isEqualTo(200);
            assertThat(redelivered.body()).contains("\"duplicate\"").contains("app");
            assertThat(existing(r, "app").getBuilds()).hasSize(1);
        });
    }

    @Test
    void aSaveOfTheGlobalConfigurationThroughTheFormKeepsTheAcceptedIds() throws Throwable {
        sessions.then(r -> {
            addSecret(r);
            FreeStyleProject p = job(r, "app");
            assertThat(post(r, "d-save").statusCode()).isEqualTo(202);
            r.waitUntilNoActivity();

            r.configRoundtrip();
            SignedWebhookConfiguration.get().setDuplicateWindowMinutes(90);
            SignedWebhookConfiguration.get().save();

            assertThat(post(r, "d-save").body()).contains("\"duplicate\"");
            r.waitUntilNoActivity();
            assertThat(p.getBuilds()).hasSize(1);
            assertThat(SignedWebhookConfiguration.get().getDuplicateWindowMinutes()).isEqualTo(90);
        });
    }

    @Test
    void aReloadOfTheConfigurationFromDiskKeepsTheAcceptedIds() throws Throwable {
        sessions.then(r -> {
            addSecret(r);
            job(r, "app");
            assertThat(post(r, "d-reload").statusCode()).isEqualTo(202);
            r.waitUntilNoActivity();

            r.jenkins.reload();
            SignedWebhookConfiguration.get().load();

            assertThat(post(r, "d-reload").body()).contains("\"duplicate\"");
            r.waitUntilNoActivity();
            assertThat(existing(r, "app").getBuilds()).hasSize(1);
        });
    }

    @Test
    void aJenkinsHomeOfThisVersionLoadsItsJobsSettingsAndAcceptedIds() throws Throwable {
        sessions.then(r -> {
            addSecret(r);
            Path home = r.jenkins.getRootDir().toPath();
            Path jobDir = Files.createDirectories(home.resolve("jobs/legacy"));
            Files.write(jobDir.resolve("config.xml"), stored("freestyle-config.xml"));
            Files.write(Files.createDirectories(home.resolve("jobs/minimal")).resolve("config.xml"), stored("minimal-config.xml"));
            Files.write(home.resolve("io.jenkins.plugins.signedwebhook.SignedWebhookConfiguration.xml"),
                    stored("io.jenkins.plugins.signedwebhook.SignedWebhookConfiguration.xml"));
            Path data = Files.createDirectories(home.resolve("signed-webhook"));
            Files.writeString(data.resolve("deliveries.json"), new String(stored("deliveries.json"), StandardCharsets.UTF_8)
                    .replace("RECEIVED_AT", Instant.now().minusSeconds(60).toString()));
        });
        sessions.then(r -> {
            SignedWebhookConfiguration config = SignedWebhookConfiguration.get();
            assertThat(config.getDuplicateWindowMinutes()).isEqualTo(120);
            assertThat(config.getCallbackAllowedHosts()).isEqualTo("10.20.0.0/16");
            FreeStyleProject legacy = existing(r, "legacy");
            SignedWebhookTrigger trigger = ParameterizedJobMixIn.getTrigger(legacy, SignedWebhookTrigger.class);
            assertThat(trigger.getRepository()).isEqualTo("octo-org/app");
            assertThat(trigger.getRefs()).isEqualTo("main");
            // Saved before forges existed: GitHub's, any host, a signature required.
            assertThat(trigger.getForge()).isEqualTo("github");
            assertThat(trigger.getHost()).isEmpty();
            assertThat(trigger.isTokenOnly()).isFalse();

            assertThat(post(r, "delivered-before-upgrade").body()).contains("\"duplicate\"");
            assertThat(post(r, "new-after-upgrade").statusCode()).isEqualTo(202);
            r.waitUntilNoActivity();
            assertThat(legacy.getBuilds()).hasSize(1);
            SignedWebhookTrigger minimal = ParameterizedJobMixIn.getTrigger(existing(r, "minimal"), SignedWebhookTrigger.class);
            assertThat(minimal.getRefs()).isEmpty();
            assertThat(minimal.getIncludePaths()).isEmpty();
            assertThat(existing(r, "minimal").getBuilds()).hasSize(1);
        });
    }

    static byte[] stored(String name) throws Exception {
        return Files.readAllBytes(new File(NeverTwiceJenkinsTest.class.getResource("stored-0.1.0/" + name).toURI()).toPath());
    }
}
