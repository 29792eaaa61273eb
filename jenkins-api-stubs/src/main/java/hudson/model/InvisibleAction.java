package hudson.model;

/** Stub of jenkins-2.479.3 {@code hudson.model.InvisibleAction}. */
public abstract class InvisibleAction implements Action {
    @Override
    public final String getIconFileName() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public final String getDisplayName() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public String getUrlName() {
        throw new UnsupportedOperationException("stub");
    }
}
