package sample;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import hudson.Extension;
import hudson.ProxyConfiguration;
import hudson.model.Run;
import hudson.model.TaskListener;
import java.net.http.HttpClient;
import java.util.Map;
import java.util.Set;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;
import org.kohsuke.stapler.DataBoundConstructor;

public class NotifyStep extends Step {
    private final String url;
    private final String credentialsId;

    @DataBoundConstructor
    public NotifyStep(String url, String credentialsId) {
        this.url = url;
        this.credentialsId = credentialsId;
    }

    @Override
    public StepExecution start(StepContext context) {
        return new Execution(context, this);
    }

    private static final class Execution extends SynchronousNonBlockingStepExecution<Map<String, Object>> {
        private static final long serialVersionUID = 1L;
        private final transient NotifyStep step;

        Execution(StepContext context, NotifyStep step) {
            super(context);
            this.step = step;
        }

        @Override
        protected Map<String, Object> run() throws Exception {
            Run<?, ?> run = getContext().get(Run.class);
            TaskListener listener = getContext().get(TaskListener.class);
            StringCredentials secret = CredentialsProvider.findCredentialById(step.credentialsId, StringCredentials.class, run);
            HttpClient client = ProxyConfiguration.newHttpClientBuilder().build();
            listener.getLogger().println("Notifying " + step.url + " with " + client + (secret == null ? "" : secret.getId()));
            return Map.of("status", String.valueOf(run.getResult()), "attempts", 1);
        }
    }

    @Extension
    @Symbol("notifyWebhook")
    public static class DescriptorImpl extends StepDescriptor {
        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, TaskListener.class);
        }

        @Override
        public String getFunctionName() {
            return "notifyWebhook";
        }
    }
}
