package hudson.security;

/**
 * Stub of jenkins-2.479.3 {@code hudson.security.Permission}. Its real constructors take types that are not
 * stubbed ({@code PermissionGroup}, {@code Localizable}); the private one here only keeps javac from
 * adding a public default constructor.
 */
public final class Permission {
    private Permission() {
        throw new UnsupportedOperationException("stub");
    }
}
