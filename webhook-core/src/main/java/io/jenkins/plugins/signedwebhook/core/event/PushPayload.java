package io.jenkins.plugins.signedwebhook.core.event;

import java.util.List;

/** What a verified push payload of any forge holds: one pushed ref, or several (a Bitbucket push), or why it is bad. */
public sealed interface PushPayload {

    /** @param pushes at least one, in the order the payload lists them */
    record Read(List<PushEvent> pushes) implements PushPayload {
        public Read {
            pushes = List.copyOf(pushes);
        }
    }

    /** @param reason names the field, never the payload's content */
    record Invalid(String reason) implements PushPayload {}
}
