package hudson.model;

/** Stub of jenkins-2.479.3 {@code hudson.model.JobPropertyDescriptor}, without members. */
public abstract class JobPropertyDescriptor extends PropertyDescriptor<JobProperty<?>, Job<?, ?>> {
    protected JobPropertyDescriptor() {
        throw new UnsupportedOperationException("stub");
    }
}
