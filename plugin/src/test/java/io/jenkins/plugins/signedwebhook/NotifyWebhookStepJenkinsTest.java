package io.jenkins.plugins.signedwebhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.domains.Domain;
import com.sun.net.httpserver.HttpServer;
import hudson.model.Result;
import hudson.util.Secret;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** The step in a real Jenkins, against a sink on 127.0.0.1 that the tests allow as a callback host. */
@WithJenkins
class NotifyWebhookStepJenkinsTest {
    static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    private final Sink sink = new Sink();

    @AfterEach
    void stopSink() {
        sink.close();
    }

    static void allowSinkAndAddSecret(JenkinsRule r) throws IOException {
        SignedWebhookConfiguration.get().setCallbackAllowedHosts("127.0.0.1");
        CredentialsProvider.lookupStores(r.jenkins).iterator().next().addCredentials(Domain.global(),
                new StringCredentialsImpl(CredentialsScope.GLOBAL, "hook", "callback signing secret", Secret.fromString(SECRET)));
    }

    static WorkflowJob job(JenkinsRule r, Sink sink, String steps) throws IOException {
        WorkflowJob job = r.createProject(WorkflowJob.class, "deploy");
        job.setDefinition(new CpsFlowDefinition(steps.replace("SINK", sink.url()), true));
        return job;
    }

    @Test
    void deliversFromScriptedPipelineAndReturnsTheMap(JenkinsRule r) throws Exception {
        allowSinkAndAddSecret(r);
        WorkflowJob job = job(r, sink, """
                def c = notifyWebhook url: 'SINK', credentialsId: 'hook', data: [environment: 'production']
                echo "callback ${c.status} ${c.attempts} ${c.httpStatus} ${c.id}"
                """);

        WorkflowRun run = r.buildAndAssertSuccess(job);

        r.assertLogContains("callback delivered 1 200 msg_", run);
        r.assertLogNotContains(SECRET, run);
        assertThat(sink.webhookIds).hasSize(1);
        r.assertLogContains(sink.webhookIds.get(0), run);
    }

    @Test
    void reportsTheFailedResultFromDeclarativePostAlways(JenkinsRule r) throws Exception {
        allowSinkAndAddSecret(r);
        WorkflowJob job = job(r, sink, """
                pipeline {
                    agent none
                    stages { stage('Deploy') { steps { error 'deploy broke' } } }
                    post { always { script {
                        def c = notifyWebhook url: 'SINK', credentialsId: 'hook'
                        echo "callback ${c.status}"
                    } } }
                }
                """);

        WorkflowRun run = r.buildAndAssertStatus(Result.FAILURE, job);

        r.assertLogContains("callback delivered", run);
        assertThat(sink.bodies).singleElement().asString().contains("\"status\":\"FAILURE\"");
    }

    @Test
    void aFailedDeliveryMarksTheBuildUnstableUnlessFailOnError(JenkinsRule r) throws Exception {
        sink.status.set(500);
        allowSinkAndAddSecret(r);
        WorkflowJob job = job(r, sink, "notifyWebhook url: 'SINK', credentialsId: 'hook', retries: 0");
        WorkflowRun unstable = r.buildAndAssertStatus(Result.UNSTABLE, job);
        r.assertLogContains("HTTP 500", unstable);

        job.setDefinition(new CpsFlowDefinition(
                "notifyWebhook url: '" + sink.url() + "', credentialsId: 'hook', retries: 0, failOnError: true", true));
        WorkflowRun failed = r.buildAndAssertStatus(Result.FAILURE, job);
        r.assertLogContains("HTTP 500", failed);
        r.assertLogNotContains(SECRET, failed);
    }

    static void await(java.util.function.BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(1));
        while (!condition.getAsBoolean()) {
            assertThat(Instant.now()).as("condition met in time").isBefore(deadline);
            Thread.sleep(200);
        }
    }

    /** Answers every POST with {@link #status} and records its webhook-id; outlives the Jenkins sessions. */
    static final class Sink implements AutoCloseable {
        final AtomicInteger status = new AtomicInteger(200);
        final AtomicInteger delivered = new AtomicInteger();
        final List<String> webhookIds = new CopyOnWriteArrayList<>();
        final List<String> bodies = new CopyOnWriteArrayList<>();
        private final HttpServer server;

        Sink() {
            try {
                server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            server.createContext("/", exchange -> {
                bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                webhookIds.add(exchange.getRequestHeaders().getFirst("webhook-id"));
                int answer = status.get();
                if (answer / 100 == 2) {
                    delivered.incrementAndGet();
                }
                exchange.sendResponseHeaders(answer, -1);
                exchange.close();
            });
            server.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
