package org.kohsuke.stapler;

import jakarta.servlet.http.HttpServletRequest;
import net.sf.json.JSONObject;

/** Stub of stapler 1903.1905.ve5a_f469356f0 {@code org.kohsuke.stapler.StaplerRequest2}: the servlet members and {@code bindJSON}. */
public interface StaplerRequest2 extends HttpServletRequest {
    void bindJSON(Object bean, JSONObject src);
}
