package io.jenkins.plugins.signedwebhook;

import static org.assertj.core.api.Assertions.assertThat;

import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jvnet.hudson.test.junit.jupiter.JenkinsSessionExtension;

/** {@code wait: false} across a restart: the outbox under JENKINS_HOME is drained by the next Jenkins. */
class NotifyWebhookOutboxJenkinsTest {

    @RegisterExtension
    private final JenkinsSessionExtension sessions = new JenkinsSessionExtension();

    private final NotifyWebhookStepJenkinsTest.Sink sink = new NotifyWebhookStepJenkinsTest.Sink();

    @AfterEach
    void stopSink() {
        sink.close();
    }

    @Test
    void aQueuedCallbackIsDeliveredAfterARestartWithTheSameId() throws Throwable {
        sink.status.set(503);
        sessions.then(r -> {
            NotifyWebhookStepJenkinsTest.allowSinkAndAddSecret(r);
            WorkflowJob job = NotifyWebhookStepJenkinsTest.job(r, sink, """
                    def c = notifyWebhook url: 'SINK', credentialsId: 'hook', wait: false
                    echo "callback ${c.status} ${c.id}"
                    """);
            WorkflowRun run = r.buildAndAssertSuccess(job);
            r.assertLogContains("callback queued msg_", run);
            NotifyWebhookStepJenkinsTest.await(() -> sink.webhookIds.size() >= 1);
        });
        sink.status.set(200);
        sessions.then(r -> {
            NotifyWebhookStepJenkinsTest.await(() -> sink.delivered.get() == 1);
            assertThat(sink.webhookIds).containsOnly(sink.webhookIds.get(0));
            r.assertLogContains(sink.webhookIds.get(0), r.jenkins.getItemByFullName("deploy", WorkflowJob.class).getBuildByNumber(1));
        });
    }
}
