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
import io.jenkins.plugins.signedwebhook.core.outbound.OutboundMessage;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionException;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
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
        return NotifyArguments.of(url, credentialsId, status, type, data, timeout, retries, wait, failOnError,
                SignedWebhookConfiguration.get().callbackPolicy());
    }

    @Override
    public StepExecution start(StepContext context) throws Exception {
        return new Execution(context, this);
    }

    /**
     * Waits for the callback in the outbox, not on a thread: {@link #start} stores it and returns, the drain's
     * settlement ends the step, and after a controller restart {@link #onResume} looks the outcome up again by id.
     * Its saved state is the message id, type and redacted target; the secret is resolved for each attempt.
     */
    static final class Execution extends StepExecution {
        private static final long serialVersionUID = 1L;

        private final transient NotifyWebhookStep step;
        private String id;
        private String type;
        private String target;
        private boolean failOnError;

        Execution(StepContext context, NotifyWebhookStep step) {
            super(context);
            this.step = step;
        }

        /** Stores the callback before its first attempt (a small durable write): the saved program must find it by id. */
        @Override
        public boolean start() throws Exception {
            StepContext context = getContext();
            Run<?, ?> run = context.get(Run.class);
            TaskListener listener = context.get(TaskListener.class);
            NotifyArguments args;
            try {
                args = step.arguments();
            } catch (IllegalArgumentException e) {
                throw new AbortException(e.getMessage());
            }
            StringCredentials credential = CredentialsProvider.track(run,
                    CredentialsProvider.findCredentialById(args.credentialsId(), StringCredentials.class, run));
            if (credential == null) {
                throw new AbortException(Messages.NotifyWebhookStep_NoCredential(args.credentialsId()));
            }
            StepDelivery delivery = CallbackService.get().delivery();
            OutboundMessage message;
            try {
                message = delivery.message(args, facts(run), credential.getSecret().getPlainText(), run.getExternalizableId());
            } catch (IllegalArgumentException e) {
                throw new AbortException(e.getMessage());
            }
            if (!args.waitForDelivery()) {
                context.onSuccess(delivery.queue(args, message, listener.getLogger()).toMap());
                return true;
            }
            id = message.id();
            type = args.type();
            target = message.targetForLogs();
            failOnError = args.failOnError();
            delivery.submit(args, message, listener.getLogger());
            attach(delivery);
            return false;
        }

        @Override
        public void onResume() {
            try {
                attach(CallbackService.get().delivery());
            } catch (IOException | RuntimeException e) {
                getContext().onFailure(e);
            }
        }

        /** Aborting the build ends the wait; the callback stays queued, so the receiver still hears of the build. */
        @Override
        public void stop(@NonNull Throwable cause) throws Exception {
            try {
                if (id != null) {
                    CallbackService.get().delivery().forget(id);
                    getContext().get(TaskListener.class).getLogger().println(Messages.NotifyWebhookStep_StoppedWaiting(id));
                }
            } finally {
                getContext().onFailure(cause);
            }
        }

        private void attach(StepDelivery delivery) throws IOException {
            delivery.outcome(id).whenComplete((result, failure) -> finish(delivery, result, failure));
        }

        private void finish(StepDelivery delivery, NotifyResult result, Throwable failure) {
            StepContext context = getContext();
            if (failure != null) {
                context.onFailure(failure instanceof CompletionException && failure.getCause() != null
                        ? failure.getCause()
                        : failure);
                return;
            }
            try {
                StepDelivery.report(result, type, target, failOnError, context.get(TaskListener.class).getLogger());
                if (result.failed() && failOnError) {
                    context.onFailure(new AbortException("notifyWebhook: " + id + " " + result.problem()));
                } else {
                    if (result.failed()) {
                        context.setResult(Result.UNSTABLE);
                    }
                    context.onSuccess(result.toMap());
                }
            } catch (IOException | RuntimeException e) {
                context.onFailure(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                context.onFailure(e);
            }
            // The receipt stays until it is pruned: the step's result is on disk only at the program's next save,
            // and a crash before that resumes this step, which must find the outcome again.
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
            return FormChecks.checked(item, NotifyArguments.checkUrl(value, SignedWebhookConfiguration.get().callbackPolicy()));
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
