package io.jenkins.plugins.signedwebhook.core.outbound.policy;

import java.net.InetAddress;
import java.net.URI;
import java.util.List;
import java.util.Optional;

/** Whether a callback may go to a URL, and if not why. */
public sealed interface UrlDecision {

    boolean allowed();

    /** The refusal, when refused. */
    Optional<Refused> refusal();

    /** Every address the host resolved to passed the policy. */
    record Allowed(URI uri, List<InetAddress> addresses) implements UrlDecision {
        public Allowed {
            addresses = List.copyOf(addresses);
        }

        @Override
        public boolean allowed() {
            return true;
        }

        @Override
        public Optional<Refused> refusal() {
            return Optional.empty();
        }
    }

    /** Refused for {@code reason}; {@code detail} names the host or address, for the administrator. */
    record Refused(Reason reason, String detail) implements UrlDecision {
        @Override
        public boolean allowed() {
            return false;
        }

        @Override
        public Optional<Refused> refusal() {
            return Optional.of(this);
        }

        /** Only a failed lookup may turn out differently later. */
        public boolean retryable() {
            return reason == Reason.UNRESOLVED;
        }
    }

    enum Reason {
        SCHEME_NOT_ALLOWED,
        USERINFO_NOT_ALLOWED,
        INVALID_HOST,
        NON_CANONICAL_ADDRESS,
        METADATA,
        LOOPBACK,
        LINK_LOCAL,
        PRIVATE,
        UNSPECIFIED,
        MULTICAST,
        RESERVED,
        UNRESOLVED
    }
}
