package org.kohsuke.stapler;

import jakarta.servlet.http.HttpServletResponse;

/** Stub of stapler 1903.1905.ve5a_f469356f0 {@code org.kohsuke.stapler.StaplerResponse2}: the servlet members only. */
public interface StaplerResponse2 extends HttpServletResponse {
}
