package io.jenkins.plugins.signedwebhook.receiver;

/** The receiver's version, from the jar manifest; {@code development} when run from classes. */
public final class Version {
    private Version() {}

    public static String get() {
        String version = Version.class.getPackage().getImplementationVersion();
        return version == null ? "development" : version;
    }
}
