package sample;

import hudson.Extension;
import hudson.model.UnprotectedRootAction;
import hudson.security.csrf.CrumbExclusion;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.StaplerResponse2;

@Extension
public class HookEndpoint implements UnprotectedRootAction {
    @Override
    public String getIconFileName() {
        return null;
    }

    @Override
    public String getDisplayName() {
        return null;
    }

    @Override
    public String getUrlName() {
        return "signed-webhook";
    }

    public void doIndex(StaplerRequest2 req, StaplerResponse2 rsp) throws IOException {
        if (!"POST".equals(req.getMethod())) {
            rsp.setStatus(405);
            return;
        }
        rsp.setContentType("application/json");
        rsp.getWriter().write("{}");
    }

    @Extension
    public static class Exclusion extends CrumbExclusion {
        @Override
        public boolean process(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws IOException, ServletException {
            String path = request.getPathInfo();
            if ("/signed-webhook".equals(path) || "/signed-webhook/".equals(path)) {
                chain.doFilter(request, response);
                return true;
            }
            return false;
        }
    }
}
