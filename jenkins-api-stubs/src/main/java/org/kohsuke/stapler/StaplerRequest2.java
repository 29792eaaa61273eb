package org.kohsuke.stapler;

import jakarta.servlet.http.HttpServletRequest;

/** Stub of stapler 1903.1905.ve5a_f469356f0 {@code org.kohsuke.stapler.StaplerRequest2}: the servlet members only. */
public interface StaplerRequest2 extends HttpServletRequest {
}
