package io.jenkins.plugins.signedwebhook;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.Result;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jvnet.hudson.test.junit.jupiter.JenkinsSessionExtension;

/** {@code wait: true} across a controller restart: the step waits on the outbox record and resumes with it. */
class NotifyWebhookRestartJenkinsTest {

    @RegisterExtension
    private final JenkinsSessionExtension sessions = new JenkinsSessionExtension();

    private final NotifyWebhookStepJenkinsTest.Sink sink = new NotifyWebhookStepJenkinsTest.Sink();

    @AfterEach
    void stopSink() {
        sink.close();
    }

    @Test
    void aWaitingStepResumesAfterARestartAndEndsDeliveredWithTheSameId() throws Throwable {
        sink.status.set(503);
        sessions.then(r -> {
            NotifyWebhookStepJenkinsTest.allowSinkAndAddSecret(r);
            WorkflowJob job = NotifyWebhookStepJenkinsTest.job(r, sink, """
                    def c = notifyWebhook url: 'SINK', credentialsId: 'hook', wait: true, retries: 8
                    echo "callback ${c.status} ${c.attempts} ${c.id}"
                    """);
            WorkflowRun run = job.scheduleBuild2(0).waitForStart();
            r.waitForMessage("waiting for its delivery", run);
            NotifyWebhookStepJenkinsTest.await(() -> sink.webhookIds.size() >= 1);
        });
        String idBeforeRestart = sink.webhookIds.get(0);
        sink.status.set(200);
        sessions.then(r -> {
            WorkflowRun run = r.jenkins.getItemByFullName("deploy", WorkflowJob.class).getBuildByNumber(1);
            r.waitForCompletion(run);

            r.assertBuildStatus(Result.SUCCESS, run);
            r.assertLogContains("notifyWebhook: delivered " + idBeforeRestart, run);
            r.assertLogContains("callback delivered", run);
            assertThat(sink.delivered).hasValue(1);
            assertThat(sink.webhookIds).containsOnly(idBeforeRestart);
        });
    }
}
