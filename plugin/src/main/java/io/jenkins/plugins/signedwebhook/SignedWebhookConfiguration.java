package io.jenkins.plugins.signedwebhook;

import hudson.Extension;
import hudson.ExtensionList;
import hudson.util.FormValidation;
import io.jenkins.plugins.signedwebhook.core.inbound.EngineSettings;
import io.jenkins.plugins.signedwebhook.core.inbound.limit.FloodLimits;
import io.jenkins.plugins.signedwebhook.core.outbound.policy.UrlPolicy;
import java.time.Duration;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import jenkins.model.GlobalConfiguration;
import jenkins.model.Jenkins;
import net.sf.json.JSONObject;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.verb.POST;

/**
 * Manage Jenkins → System → Signed Webhook; in Configuration as Code under {@code unclassified: signedWebhook:}.
 * Every value is checked when set, with the field and the allowed range in the message; setters only set, so a form
 * submit or a Configuration as Code run is one save and one apply.
 */
@Extension
@Symbol("signedWebhook")
public class SignedWebhookConfiguration extends GlobalConfiguration {
    private static final Logger LOGGER = Logger.getLogger(SignedWebhookConfiguration.class.getName());
    private int payloadLimitMiB = ConfigurationLimits.PAYLOAD_LIMIT_MIB.defaultValue;
    private int duplicateWindowMinutes = ConfigurationLimits.DUPLICATE_WINDOW_MINUTES.defaultValue;
    private int deliveryLogSize = ConfigurationLimits.DELIVERY_LOG_SIZE.defaultValue;
    private int callbackConnectTimeoutSeconds = ConfigurationLimits.CALLBACK_CONNECT_TIMEOUT_SECONDS.defaultValue;
    private int callbackTimeoutSeconds = ConfigurationLimits.CALLBACK_TIMEOUT_SECONDS.defaultValue;
    private int callbackMaxAttempts = ConfigurationLimits.CALLBACK_MAX_ATTEMPTS.defaultValue;
    private String callbackAllowedHosts = "";
    // Not final: readResolve gives a field absent from an older config file its default.
    private int failedVerificationBurst = ConfigurationLimits.FAILED_VERIFICATION_BURST.defaultValue;
    private int failedVerificationsPerMinute = ConfigurationLimits.FAILED_VERIFICATIONS_PER_MINUTE.defaultValue;
    private String trustedProxies = "";
    private int gitlabTimestampToleranceMinutes = ConfigurationLimits.GITLAB_TIMESTAMP_TOLERANCE_MINUTES.defaultValue;

    private transient boolean loaded;

    public SignedWebhookConfiguration() {
        load();
        loaded = true;
    }

    /** A reload from disk applies the callback settings too (the inbound ones are read for every delivery anyway). */
    @Override
    public synchronized void load() {
        super.load();
        readResolve();
        keepWithinRange();
        if (loaded) {
            CallbackService.get().reconfigure(this);
        }
    }

    public static SignedWebhookConfiguration get() {
        return ExtensionList.lookupSingleton(SignedWebhookConfiguration.class);
    }

    /** Settings added after 0.1.0 are absent from its file: 0 and null there mean "not set", never a chosen value. */
    protected Object readResolve() {
        if (failedVerificationBurst == 0) {
            failedVerificationBurst = ConfigurationLimits.FAILED_VERIFICATION_BURST.defaultValue;
        }
        if (failedVerificationsPerMinute == 0) {
            failedVerificationsPerMinute = ConfigurationLimits.FAILED_VERIFICATIONS_PER_MINUTE.defaultValue;
        }
        if (trustedProxies == null) {
            trustedProxies = "";
        }
        if (gitlabTimestampToleranceMinutes == 0) {
            gitlabTimestampToleranceMinutes = ConfigurationLimits.GITLAB_TIMESTAMP_TOLERANCE_MINUTES.defaultValue;
        }
        return this;
    }

    /** A hand-edited file with a value out of range loads with the default, instead of failing every delivery. */
    private void keepWithinRange() {
        payloadLimitMiB = ConfigurationLimits.PAYLOAD_LIMIT_MIB.orDefault(payloadLimitMiB);
        duplicateWindowMinutes = ConfigurationLimits.DUPLICATE_WINDOW_MINUTES.orDefault(duplicateWindowMinutes);
        deliveryLogSize = ConfigurationLimits.DELIVERY_LOG_SIZE.orDefault(deliveryLogSize);
        callbackConnectTimeoutSeconds = ConfigurationLimits.CALLBACK_CONNECT_TIMEOUT_SECONDS.orDefault(callbackConnectTimeoutSeconds);
        callbackTimeoutSeconds = ConfigurationLimits.CALLBACK_TIMEOUT_SECONDS.orDefault(callbackTimeoutSeconds);
        callbackMaxAttempts = ConfigurationLimits.CALLBACK_MAX_ATTEMPTS.orDefault(callbackMaxAttempts);
        String hosts = callbackAllowedHosts == null ? "" : callbackAllowedHosts.strip();
        Optional<String> problem = CallbackHosts.problem(hosts);
        if (problem.isPresent()) {
            LOGGER.log(Level.WARNING, "{0}; allowing no private callback host until it is fixed", problem.get());
            hosts = "";
        }
        callbackAllowedHosts = hosts;
        failedVerificationBurst = ConfigurationLimits.FAILED_VERIFICATION_BURST.orDefault(failedVerificationBurst);
        failedVerificationsPerMinute = ConfigurationLimits.FAILED_VERIFICATIONS_PER_MINUTE.orDefault(failedVerificationsPerMinute);
        String proxies = trustedProxies.strip();
        Optional<String> proxyProblem = TrustedProxies.problem(proxies);
        if (proxyProblem.isPresent()) {
            LOGGER.log(Level.WARNING, "{0}; trusting no proxy until it is fixed", proxyProblem.get());
            proxies = "";
        }
        trustedProxies = proxies;
        gitlabTimestampToleranceMinutes = ConfigurationLimits.GITLAB_TIMESTAMP_TOLERANCE_MINUTES.orDefault(gitlabTimestampToleranceMinutes);
    }

    /** The policy callbacks are sent under, from the allow-list as saved. */
    UrlPolicy callbackPolicy() {
        return CallbackHosts.policy(callbackAllowedHosts);
    }

    /** Read for every delivery, so a saved change applies to the next one and no accepted delivery id is forgotten. */
    InboundDeliveries.Settings inboundSettings() {
        return new InboundDeliveries.Settings(EngineSettings.defaults().withMaxBodyBytes(payloadLimitMiB * EngineSettings.MIB)
                .withTimestampTolerance(Duration.ofMinutes(gitlabTimestampToleranceMinutes))
                .withinDuplicateWindow(Duration.ofMinutes(duplicateWindowMinutes)),
                Duration.ofMinutes(duplicateWindowMinutes), deliveryLogSize, new FloodLimits(failedVerificationBurst,
                        failedVerificationsPerMinute, TrustedProxies.ranges(trustedProxies)));
    }

    /**
     * The form is checked first, so a bad value is refused naming its field and nothing of it is applied; then bound
     * with the plain setters and saved once.
     */
    @Override
    public boolean configure(StaplerRequest2 req, JSONObject json) throws FormException {
        Optional<SettingsForm.Refusal> refusal = SettingsForm.submit(field -> json.has(field) ? json.getString(field) : null,
                () -> req.bindJSON(this, json), this::save);
        if (refusal.isPresent()) {
            throw new FormException(refusal.get().message(), refusal.get().field());
        }
        return true;
    }

    /** One save is one apply: by the form ({@link #configure}), or by Configuration as Code, which saves once after its setters. */
    @Override
    public synchronized void save() {
        super.save();
        CallbackService.get().reconfigure(this);
    }

    public int getPayloadLimitMiB() {
        return payloadLimitMiB;
    }

    @DataBoundSetter
    public void setPayloadLimitMiB(int value) {
        payloadLimitMiB = ConfigurationLimits.PAYLOAD_LIMIT_MIB.require(value);
    }

    public int getDuplicateWindowMinutes() {
        return duplicateWindowMinutes;
    }

    @DataBoundSetter
    public void setDuplicateWindowMinutes(int value) {
        duplicateWindowMinutes = ConfigurationLimits.DUPLICATE_WINDOW_MINUTES.require(value);
    }

    public int getDeliveryLogSize() {
        return deliveryLogSize;
    }

    @DataBoundSetter
    public void setDeliveryLogSize(int value) {
        deliveryLogSize = ConfigurationLimits.DELIVERY_LOG_SIZE.require(value);
    }

    public int getCallbackConnectTimeoutSeconds() {
        return callbackConnectTimeoutSeconds;
    }

    @DataBoundSetter
    public void setCallbackConnectTimeoutSeconds(int value) {
        callbackConnectTimeoutSeconds = ConfigurationLimits.CALLBACK_CONNECT_TIMEOUT_SECONDS.require(value);
    }

    public int getCallbackTimeoutSeconds() {
        return callbackTimeoutSeconds;
    }

    @DataBoundSetter
    public void setCallbackTimeoutSeconds(int value) {
        callbackTimeoutSeconds = ConfigurationLimits.CALLBACK_TIMEOUT_SECONDS.require(value);
    }

    public int getCallbackMaxAttempts() {
        return callbackMaxAttempts;
    }

    @DataBoundSetter
    public void setCallbackMaxAttempts(int value) {
        callbackMaxAttempts = ConfigurationLimits.CALLBACK_MAX_ATTEMPTS.require(value);
    }

    public String getCallbackAllowedHosts() {
        return callbackAllowedHosts;
    }

    @DataBoundSetter
    public void setCallbackAllowedHosts(String value) {
        String hosts = value == null ? "" : value.strip();
        CallbackHosts.problem(hosts).ifPresent(p -> {
            throw new IllegalArgumentException(p);
        });
        callbackAllowedHosts = hosts;
    }

    public int getFailedVerificationBurst() {
        return failedVerificationBurst;
    }

    @DataBoundSetter
    public void setFailedVerificationBurst(int value) {
        failedVerificationBurst = ConfigurationLimits.FAILED_VERIFICATION_BURST.require(value);
    }

    public int getFailedVerificationsPerMinute() {
        return failedVerificationsPerMinute;
    }

    @DataBoundSetter
    public void setFailedVerificationsPerMinute(int value) {
        failedVerificationsPerMinute = ConfigurationLimits.FAILED_VERIFICATIONS_PER_MINUTE.require(value);
    }

    public String getTrustedProxies() {
        return trustedProxies;
    }

    @DataBoundSetter
    public void setTrustedProxies(String value) {
        String proxies = value == null ? "" : value.strip();
        TrustedProxies.problem(proxies).ifPresent(p -> {
            throw new IllegalArgumentException(p);
        });
        trustedProxies = proxies;
    }

    public int getGitlabTimestampToleranceMinutes() {
        return gitlabTimestampToleranceMinutes;
    }

    @DataBoundSetter
    public void setGitlabTimestampToleranceMinutes(int value) {
        gitlabTimestampToleranceMinutes = ConfigurationLimits.GITLAB_TIMESTAMP_TOLERANCE_MINUTES.require(value);
    }

    private static FormValidation check(ConfigurationLimits limit, String value) {
        if (!Jenkins.get().hasPermission(Jenkins.ADMINISTER)) {
            return FormValidation.ok();
        }
        return toValidation(limit.check(value));
    }

    private static FormValidation toValidation(Optional<String> problem) {
        return problem.map(FormValidation::error).orElseGet(FormValidation::ok);
    }

    @POST
    public FormValidation doCheckPayloadLimitMiB(@QueryParameter String value) {
        return check(ConfigurationLimits.PAYLOAD_LIMIT_MIB, value);
    }

    @POST
    public FormValidation doCheckDuplicateWindowMinutes(@QueryParameter String value) {
        return check(ConfigurationLimits.DUPLICATE_WINDOW_MINUTES, value);
    }

    @POST
    public FormValidation doCheckDeliveryLogSize(@QueryParameter String value) {
        return check(ConfigurationLimits.DELIVERY_LOG_SIZE, value);
    }

    @POST
    public FormValidation doCheckCallbackConnectTimeoutSeconds(@QueryParameter String value) {
        return check(ConfigurationLimits.CALLBACK_CONNECT_TIMEOUT_SECONDS, value);
    }

    @POST
    public FormValidation doCheckCallbackTimeoutSeconds(@QueryParameter String value) {
        return check(ConfigurationLimits.CALLBACK_TIMEOUT_SECONDS, value);
    }

    @POST
    public FormValidation doCheckCallbackMaxAttempts(@QueryParameter String value) {
        return check(ConfigurationLimits.CALLBACK_MAX_ATTEMPTS, value);
    }

    @POST
    public FormValidation doCheckFailedVerificationBurst(@QueryParameter String value) {
        return check(ConfigurationLimits.FAILED_VERIFICATION_BURST, value);
    }

    @POST
    public FormValidation doCheckFailedVerificationsPerMinute(@QueryParameter String value) {
        return check(ConfigurationLimits.FAILED_VERIFICATIONS_PER_MINUTE, value);
    }

    @POST
    public FormValidation doCheckGitlabTimestampToleranceMinutes(@QueryParameter String value) {
        return check(ConfigurationLimits.GITLAB_TIMESTAMP_TOLERANCE_MINUTES, value);
    }

    @POST
    public FormValidation doCheckTrustedProxies(@QueryParameter String value) {
        if (!Jenkins.get().hasPermission(Jenkins.ADMINISTER)) {
            return FormValidation.ok();
        }
        return toValidation(TrustedProxies.problem(value));
    }

    @POST
    public FormValidation doCheckCallbackAllowedHosts(@QueryParameter String value) {
        if (!Jenkins.get().hasPermission(Jenkins.ADMINISTER)) {
            return FormValidation.ok();
        }
        return toValidation(CallbackHosts.problem(value));
    }
}
