package io.jenkins.plugins.signedwebhook;

import com.cloudbees.plugins.credentials.CredentialsMatchers;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.model.Action;
import hudson.model.Item;
import hudson.triggers.Trigger;
import io.jenkins.plugins.signedwebhook.core.forge.Forge;
import java.io.ObjectStreamException;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import jenkins.triggers.TriggeredItem;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * What the job trigger and the multibranch trigger share: the repository, the secret's credential, the ref and path
 * filters, the forge and host trusted, and being indexed while the item has the trigger. Fields stay in this class, so
 * a config.xml names them as before (XStream finds a field in any class of the hierarchy).
 */
public abstract class AbstractSignedWebhookTrigger<J extends Item> extends Trigger<J> {
    // Not final: readResolve gives a field absent from an older or hand-written config.xml its default.
    private String repository;
    private String credentialsId;
    private String refs = "";
    private String includePaths = "";
    private String excludePaths = "";
    // Absent from a trigger saved before forges existed (any folder trigger until they had them): GitHub, any host, signed.
    private String forge = Forge.GITHUB.id();
    private String host = "";
    private boolean tokenOnly;

    protected AbstractSignedWebhookTrigger(String repository, String credentialsId) {
        this.repository = repository == null ? "" : repository.strip();
        this.credentialsId = credentialsId == null ? "" : credentialsId.strip();
    }

    /** The signed webhook trigger of the item, if it has one. */
    @CheckForNull
    static AbstractSignedWebhookTrigger<?> of(@CheckForNull Item item) {
        if (item instanceof TriggeredItem triggered) {
            for (Trigger<?> trigger : triggered.getTriggers().values()) {
                if (trigger instanceof AbstractSignedWebhookTrigger<?> signed) {
                    return signed;
                }
            }
        }
        return null;
    }

    public String getRepository() {
        return repository;
    }

    public String getCredentialsId() {
        return credentialsId;
    }

    public String getRefs() {
        return refs;
    }

    @DataBoundSetter
    public void setRefs(String refs) {
        this.refs = refs == null ? "" : refs.strip();
    }

    public String getIncludePaths() {
        return includePaths;
    }

    @DataBoundSetter
    public void setIncludePaths(String includePaths) {
        this.includePaths = includePaths == null ? "" : includePaths.strip();
    }

    public String getExcludePaths() {
        return excludePaths;
    }

    @DataBoundSetter
    public void setExcludePaths(String excludePaths) {
        this.excludePaths = excludePaths == null ? "" : excludePaths.strip();
    }

    /** Which forge's deliveries this trigger acts on: a {@link Forge#id()}, {@code github} unless set. */
    public String getForge() {
        return forge;
    }

    @DataBoundSetter
    public void setForge(String forge) {
        this.forge = forge == null || forge.isBlank() ? Forge.GITHUB.id() : forge.strip().toLowerCase(Locale.ROOT);
    }

    public String getHost() {
        return host;
    }

    @DataBoundSetter
    public void setHost(String host) {
        this.host = host == null ? "" : host.strip();
    }

    public boolean isTokenOnly() {
        return tokenOnly;
    }

    @DataBoundSetter
    public void setTokenOnly(boolean tokenOnly) {
        this.tokenOnly = tokenOnly;
    }

    /** A config.xml written by hand, by Job DSL or by a version without a field loads with that field's default. */
    @Override
    protected Object readResolve() throws ObjectStreamException {
        super.readResolve();
        return withAbsentFieldsDefaulted();
    }

    /** What {@link #readResolve} does after Jenkins' part: a field XStream found no element for gets its default. */
    AbstractSignedWebhookTrigger<J> withAbsentFieldsDefaulted() {
        repository = repository == null ? "" : repository.strip();
        credentialsId = credentialsId == null ? "" : credentialsId.strip();
        refs = refs == null ? "" : refs;
        includePaths = includePaths == null ? "" : includePaths;
        excludePaths = excludePaths == null ? "" : excludePaths;
        forge = forge == null || forge.isBlank() ? Forge.GITHUB.id() : forge;
        host = host == null ? "" : host;
        return this;
    }

    /** The settings both triggers share, for an item that names one repository or, {@code ownerWide}, an owner. */
    TriggerSettings settings(boolean buildOnDelete, boolean ownerWide) {
        return new TriggerSettings(repository, refs, includePaths, excludePaths, buildOnDelete, ownerWide, forge, host,
                tokenOnly);
    }

    /** What the subscription index is built from; only meaningful once started on its item. */
    abstract TriggerSettings settings();

    @Override
    public void start(J item, boolean newInstance) {
        super.start(item, newInstance);
        WebhookService.get().started(item, this);
    }

    @Override
    public void stop() {
        if (job != null) {
            WebhookService.get().stopped(job.getFullName());
        }
        super.stop();
    }

    @Override
    public Collection<? extends Action> getProjectActions() {
        return job == null ? List.of() : List.of(new JobDeliveriesAction(job));
    }

    /** The Secret text credential this item trusts, looked up in its context as its builds run (what the dropdown lists). */
    @CheckForNull
    StringCredentials lookupCredential(Item owner) {
        if (credentialsId.isEmpty()) {
            return null;
        }
        return CredentialsMatchers.firstOrNull(
                CredentialsProvider.lookupCredentialsInItem(StringCredentials.class, owner, FormChecks.authenticationOf(owner), List.of()),
                CredentialsMatchers.withId(credentialsId));
    }
}
