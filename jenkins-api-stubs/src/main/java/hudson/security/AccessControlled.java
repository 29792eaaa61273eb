package hudson.security;

import edu.umd.cs.findbugs.annotations.NonNull;
import org.springframework.security.access.AccessDeniedException;

/**
 * Stub of jenkins-2.479.3 {@code hudson.security.AccessControlled}: the permission short-cuts only. The abstract
 * {@code getACL()} is left out so that the stubbed implementers need no {@code ACL} implementation.
 */
public interface AccessControlled {
    default void checkPermission(@NonNull Permission permission) throws AccessDeniedException {
        throw new UnsupportedOperationException("stub");
    }

    default boolean hasPermission(@NonNull Permission permission) {
        throw new UnsupportedOperationException("stub");
    }
}
