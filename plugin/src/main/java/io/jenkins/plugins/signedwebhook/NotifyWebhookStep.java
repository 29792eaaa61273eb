package io.jenkins.plugins.signedwebhook;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import hudson.Extension;
import hudson.model.Item;
import hudson.model.Result;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * {@code notifyWebhook url: …, credentialsId: …}: posts a signed callback about this build and returns
 * {@code [status:, attempts:, id:, httpStatus:]}. Its arguments hold the credentials id only, never the secret.
 */
public class NotifyWebhookStep extends Step {
    private final String url;
    private final String credentialsId;
    private String status;
    private String type;
    private Map<String, Object> data;
    private Integer timeout;
    private Integer retries;
    private boolean wait = true;
    private boolean failOnError;

    @DataBoundConstructor
    public NotifyWebhookStep(String url, String credentialsId) {
        this.url = url;
        this.credentialsId = credentialsId;
    }

    public String getUrl() {
        return url;
    }

    public String getCredentialsId() {
        return credentialsId;
    }

    public String getStatus() {
        return status;
    }

    @DataBoundSetter
    public void setStatus(String status) {
        this.status = status;
    }

    public String getType() {
        return type;
    }

    @DataBoundSetter
    public void setType(String type) {
        this.type = type;
    }

    public Map<String, Object> getData() {
        return data;
    }

    @DataBoundSetter
    public void setData(Map<String, Object> data) {
        this.data = data == null ? null : new LinkedHashMap<>(data);
    }

    public Integer getTimeout() {
        return timeout;
    }

    @DataBoundSetter
    public void setTimeout(Integer timeout) {
        this.timeout = timeout;
    }

    public Integer getRetries() {
        return retries;
    }

    @DataBoundSetter
    public void setRetries(Integer retries) {
        this.retries = retries;
    }

    public boolean isWait() {
        return wait;
    }

    @DataBoundSetter
    public void setWait(boolean wait) {
        this.wait = wait;
    }

    public boolean isFailOnError() {
        return failOnError;
    }

    @DataBoundSetter
    public void setFailOnError(boolean failOnError) {
        this.failOnError = failOnError;
    }

    NotifyArguments arguments() {
        return NotifyArguments.of(url, credentialsId, status, type, data, timeout, retries, wait, failOnError);
    }

    @Override
    public StepExecution start(StepContext context) throws Exception {
        return new Execution(context, this);
    }

    /** Runs on a background thread of the Pipeline engine, not on an executor or the CPS VM thread. */
    static final class Execution extends SynchronousNonBlockingStepExecution<Map<String, Object>> {
        private static final long serialVersionUID = 1L;

        private final transient NotifyWebhookStep step;

        Execution(StepContext context, NotifyWebhookStep step) {
            super(context);
            this.step = step;
        }

        @Override
        protected Map<String, Object> run() throws Exception {
            StepContext context = getContext();
            Run<?, ?> run = context.get(Run.class);
            TaskListener listener = context.get(TaskListener.class);
            NotifyArguments args;
            try {
                args = step.arguments();
            } catch (IllegalArgumentException e) {
                throw new AbortException(e.getMessage());
            }
            StringCredentials credential =
                    CredentialsProvider.findCredentialById(args.credentialsId(), StringCredentials.class, run);
            if (credential == null) {
                throw new AbortException("notifyWebhook: no Secret text credential with id '" + args.credentialsId()
                        + "' is available to this build");
            }
            SignedWebhookConfiguration config = SignedWebhookConfiguration.get();
            NotifyResult result;
            try {
                result = CallbackService.get().delivery().send(args, facts(run), credential.getSecret().getPlainText(),
                        run.getExternalizableId(), CallbackHosts.policy(config.getCallbackAllowedHosts()),
                        CallbackLimits.of(config), listener.getLogger());
            } catch (IllegalArgumentException e) {
                throw new AbortException(e.getMessage());
            }
            if (result.failed()) {
                if (args.failOnError()) {
                    throw new AbortException("notifyWebhook: " + result.id() + " " + result.problem());
                }
                context.setResult(Result.UNSTABLE);
            }
            return result.toMap();
        }

        private static BuildFacts facts(Run<?, ?> run) {
            String root = Jenkins.get().getRootUrl();
            Result result = run.getResult();
            long duration = run.isBuilding() ? System.currentTimeMillis() - run.getStartTimeInMillis() : run.getDuration();
            SignedWebhookCause cause = run.getCause(SignedWebhookCause.class);
            return new BuildFacts(run.getParent().getFullName(), run.getNumber(), root == null ? null : root + run.getUrl(),
                    result == null ? null : result.toString(), duration,
                    cause == null ? null : cause.getRepository(), cause == null ? null : cause.getRef(),
                    cause == null ? null : cause.getCommit(), cause == null ? null : cause.getDeliveryId());
        }
    }

    @Extension
    public static final class DescriptorImpl extends StepDescriptor {

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, TaskListener.class);
        }

        @Override
        public String getFunctionName() {
            return "notifyWebhook";
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.NotifyWebhookStep_DisplayName();
        }

        @POST
        public ListBoxModel doFillCredentialsIdItems(@AncestorInPath Item item, @QueryParameter String credentialsId) {
            return FormChecks.secretTextCredentials(item, credentialsId);
        }

        @POST
        public FormValidation doCheckCredentialsId(@AncestorInPath Item item, @QueryParameter String value) {
            if (!FormChecks.mayListCredentials(item)) {
                return FormValidation.ok();
            }
            Optional<String> problem = NotifyArguments.checkCredentialsId(value);
            if (problem.isPresent()) {
                return FormValidation.error(problem.get());
            }
            if (!FormChecks.secretTextVisible(item, value)) {
                return FormValidation.warning(Messages.NotifyWebhookStep_CredentialsNotVisible(value));
            }
            return FormValidation.ok();
        }

        @POST
        public FormValidation doCheckUrl(@AncestorInPath Item item, @QueryParameter String value) {
            return FormChecks.checked(item, NotifyArguments.checkUrl(value));
        }

        @POST
        public FormValidation doCheckStatus(@AncestorInPath Item item, @QueryParameter String value) {
            return FormChecks.checked(item, value == null || value.isBlank() ? Optional.empty() : NotifyArguments.checkStatus(value));
        }

        @POST
        public FormValidation doCheckType(@AncestorInPath Item item, @QueryParameter String value) {
            return FormChecks.checked(item, value == null || value.isBlank() ? Optional.empty() : NotifyArguments.checkType(value));
        }

        @POST
        public FormValidation doCheckTimeout(@AncestorInPath Item item, @QueryParameter String value) {
            return FormChecks.checked(item, NotifyArguments.checkTimeout(value));
        }

        @POST
        public FormValidation doCheckRetries(@AncestorInPath Item item, @QueryParameter String value) {
            return FormChecks.checked(item, NotifyArguments.checkRetries(value));
        }
    }
}
