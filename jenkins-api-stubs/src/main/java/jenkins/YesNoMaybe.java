package jenkins;

/** Stub of jenkins-2.479.3 {@code jenkins.YesNoMaybe}. */
public enum YesNoMaybe {
    YES,
    NO,
    MAYBE
}
