package io.jenkins.plugins.signedwebhook;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.util.Objects;

/**
 * One job's trigger as the subscription index needs it: its settings and the value of its credential, looked up now
 * ({@code secret} is null when no Secret text credential with that id is visible to the job). Two are equal exactly
 * when the job's subscription would be the same, so a refresh compares these instead of rebuilding anything.
 */
record ResolvedTrigger(String jobFullName, TriggerSettings settings, String credentialsId, @CheckForNull String secret) {

    ResolvedTrigger {
        Objects.requireNonNull(jobFullName, "jobFullName");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(credentialsId, "credentialsId");
    }

    /** Names the credential, never its value. */
    @Override
    public String toString() {
        return "ResolvedTrigger[" + jobFullName + ", " + settings + ", credential " + credentialsId
                + (secret == null ? " (not found)" : "") + "]";
    }
}
