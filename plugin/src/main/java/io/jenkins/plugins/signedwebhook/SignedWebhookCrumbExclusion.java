package io.jenkins.plugins.signedwebhook;

import hudson.Extension;
import hudson.security.csrf.CrumbExclusion;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** GitHub cannot send a crumb; the HMAC signature is what proves a delivery. Exactly one path is excluded. */
@Extension
public class SignedWebhookCrumbExclusion extends CrumbExclusion {

    @Override
    public boolean process(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (isEndpoint(request.getPathInfo())) {
            chain.doFilter(request, response);
            return true;
        }
        return false;
    }

    static boolean isEndpoint(String pathInfo) {
        String path = "/" + SignedWebhookEndpoint.URL_NAME;
        return path.equals(pathInfo) || (path + "/").equals(pathInfo);
    }
}
