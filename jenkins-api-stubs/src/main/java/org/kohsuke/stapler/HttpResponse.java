package org.kohsuke.stapler;

import jakarta.servlet.ServletException;
import java.io.IOException;

/** Stub of stapler 1903.1905.ve5a_f469356f0 {@code org.kohsuke.stapler.HttpResponse}, without the deprecated javax overload. */
public interface HttpResponse {
    default void generateResponse(StaplerRequest2 req, StaplerResponse2 rsp, Object node) throws IOException, ServletException {
        throw new UnsupportedOperationException("stub");
    }
}
