package hudson.util;

import jakarta.servlet.ServletException;
import java.io.IOException;
import org.kohsuke.stapler.HttpResponse;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.StaplerResponse2;

/** Stub of jenkins-2.479.3 {@code hudson.util.FormValidation}. */
public abstract class FormValidation extends IOException implements HttpResponse {
    /** Stub of jenkins-2.479.3 {@code hudson.util.FormValidation.Kind}. */
    public enum Kind {
        OK,
        WARNING,
        ERROR
    }

    public final Kind kind;

    private FormValidation(Kind kind) {
        throw new UnsupportedOperationException("stub");
    }

    public static FormValidation error(String message) {
        throw new UnsupportedOperationException("stub");
    }

    public static FormValidation warning(String message) {
        throw new UnsupportedOperationException("stub");
    }

    public static FormValidation ok(String message) {
        throw new UnsupportedOperationException("stub");
    }

    public static FormValidation ok() {
        throw new UnsupportedOperationException("stub");
    }

    public static FormValidation error(String format, Object... args) {
        throw new UnsupportedOperationException("stub");
    }

    public static FormValidation warning(String format, Object... args) {
        throw new UnsupportedOperationException("stub");
    }

    public static FormValidation ok(String format, Object... args) {
        throw new UnsupportedOperationException("stub");
    }

    public static FormValidation error(Throwable e, String message) {
        throw new UnsupportedOperationException("stub");
    }

    public static FormValidation warning(Throwable e, String message) {
        throw new UnsupportedOperationException("stub");
    }

    public static FormValidation error(Throwable e, String format, Object... args) {
        throw new UnsupportedOperationException("stub");
    }

    public static FormValidation warning(Throwable e, String format, Object... args) {
        throw new UnsupportedOperationException("stub");
    }

    public static FormValidation validateNonNegativeInteger(String value) {
        throw new UnsupportedOperationException("stub");
    }

    public static FormValidation validateIntegerInRange(String value, int lower, int upper) {
        throw new UnsupportedOperationException("stub");
    }

    public static FormValidation validatePositiveInteger(String value) {
        throw new UnsupportedOperationException("stub");
    }

    public static FormValidation validateRequired(String value) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public void generateResponse(StaplerRequest2 req, StaplerResponse2 rsp, Object node) throws IOException, ServletException {
        throw new UnsupportedOperationException("stub");
    }
}
