package hudson.model;

import edu.umd.cs.findbugs.annotations.NonNull;
import jenkins.model.Loadable;
import net.sf.json.JSONObject;
import org.kohsuke.stapler.HttpResponse;
import org.kohsuke.stapler.StaplerRequest2;
import jenkins.util.io.OnMaster;

/** Stub of jenkins-2.479.3 {@code hudson.model.Descriptor}. */
public abstract class Descriptor<T extends Describable<T>> implements Loadable, Saveable, OnMaster {
    protected Descriptor() {
        throw new UnsupportedOperationException("stub");
    }

    @NonNull
    public String getDisplayName() {
        throw new UnsupportedOperationException("stub");
    }

    public synchronized void save() {
        throw new UnsupportedOperationException("stub");
    }

    public synchronized void load() {
        throw new UnsupportedOperationException("stub");
    }

    public boolean configure(StaplerRequest2 req, JSONObject json) throws FormException {
        throw new UnsupportedOperationException("stub");
    }

    /** {@code generateResponse} is left out (the stub of {@link HttpResponse} has the default). */
    public static final class FormException extends Exception implements HttpResponse {
        public FormException(String message, String formField) {
            throw new UnsupportedOperationException("stub");
        }

        public FormException(String message, Throwable cause, String formField) {
            throw new UnsupportedOperationException("stub");
        }

        public FormException(Throwable cause, String formField) {
            throw new UnsupportedOperationException("stub");
        }

        public String getFormField() {
            throw new UnsupportedOperationException("stub");
        }
    }
}
